package org.yubin.imap.command;

import java.io.IOException;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.yubin.delivery.store.Mailbox;
import org.yubin.delivery.store.MessageFlags;
import org.yubin.delivery.store.QuotaUsage;
import org.yubin.delivery.store.UserStore;
import org.yubin.imap.ImapCommandException;
import org.yubin.imap.ImapFlags;
import org.yubin.imap.ImapSession;
import org.yubin.imap.ImapSessionState;
import org.yubin.imap.SelectedMailbox;
import org.yubin.imap.codec.ImapRequest;
import org.yubin.imap.codec.ImapToken;

/**
 * APPEND (RFC 3501 6.3.11) with flags and internal date, answered with APPENDUID
 * (UIDPLUS, RFC 4315). The literal's size is capped by the decoder (message size limit);
 * the user's quota (RFC 9208) is checked before anything is written: {@code NO [OVERQUOTA]}.
 */
final class AppendCommand implements ImapCommand {

    private static final Logger LOG = LoggerFactory.getLogger(AppendCommand.class);
    private static final DateTimeFormatter DATE_TIME =
            DateTimeFormatter.ofPattern("d-MMM-yyyy HH:mm:ss Z", Locale.ENGLISH);

    @Override
    public Set<ImapSessionState> validIn() {
        return AUTHENTICATED;
    }

    @Override
    public String execute(ImapSession session, ImapRequest.Command command) throws ImapCommandException, IOException {
        Args.count(command, 2, 4);
        List<ImapToken> args = command.args();
        String name = session.mailboxName(args.get(0));
        MessageFlags flags = MessageFlags.NONE;
        Instant internalDate = Instant.now();
        int next = 1;
        if (args.get(next) instanceof ImapToken.ListToken list && next < args.size() - 1) {
            flags = ImapFlags.parse(list);
            next++;
        }
        if (next < args.size() - 1) {
            internalDate = dateTime(Args.astring(args.get(next)));
            next++;
        }
        if (next != args.size() - 1 || !(args.get(next) instanceof ImapToken.Str message)) {
            throw ImapCommandException.bad("APPEND needs the message as a literal last");
        }
        UserStore store = session.store();
        if (!store.exists(name)) {
            throw ImapCommandException.no("[TRYCREATE] Mailbox doesn't exist");
        }
        long limit = store.quotaLimitBytes();
        if (limit > 0) {
            QuotaUsage usage = store.usage();
            if (usage.bytes() + message.bytes().length > limit) {
                LOG.info("imap({}): APPEND to {} refused: over quota", session.user().login(), name);
                throw ImapCommandException.no("[OVERQUOTA] Quota exceeded (mailbox for user is full)");
            }
        }
        SelectedMailbox selected = session.selected();
        long uid;
        long uidValidity;
        if (selected != null && selected.name().equals(name) && !selected.isReadOnly()) {
            uid = selected.mailbox().append(message.bytes(), flags, internalDate);
            uidValidity = selected.mailbox().uidValidity();
            selected.markChanged();
        } else {
            try (Mailbox target = store.open(name, true)) {
                uid = target.append(message.bytes(), flags, internalDate);
                uidValidity = target.uidValidity();
            }
        }
        return "OK [APPENDUID " + uidValidity + " " + uid + "] Append completed";
    }

    private static Instant dateTime(String text) throws ImapCommandException {
        try {
            return ZonedDateTime.parse(text.trim(), DATE_TIME).toInstant();
        } catch (DateTimeParseException e) {
            throw ImapCommandException.bad("Invalid date-time");
        }
    }
}
