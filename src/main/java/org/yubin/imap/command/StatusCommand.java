package org.yubin.imap.command;

import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.yubin.delivery.store.Mailbox;
import org.yubin.delivery.store.MailboxMessage;
import org.yubin.delivery.store.MessageFlags;
import org.yubin.imap.ImapCommandException;
import org.yubin.imap.ImapSession;
import org.yubin.imap.ImapSessionState;
import org.yubin.imap.SelectedMailbox;
import org.yubin.imap.codec.ImapRequest;
import org.yubin.imap.codec.ImapToken;

/**
 * STATUS (RFC 3501 6.3.10): MESSAGES RECENT UIDNEXT UIDVALIDITY UNSEEN, HIGHESTMODSEQ
 * (RFC 7162) and SIZE (RFC 8438). Another mailbox is opened read-only, so it keeps its
 * {@code \Recent} messages for the session that selects it; its RECENT is what is still in {@code new/}.
 */
final class StatusCommand implements ImapCommand {

    @Override
    public Set<ImapSessionState> validIn() {
        return AUTHENTICATED;
    }

    @Override
    public String execute(ImapSession session, ImapRequest.Command command) throws ImapCommandException, IOException {
        Args.count(command, 2, 2);
        String name = session.mailboxName(command.args().get(0));
        List<ImapToken> items = Args.list(command.args().get(1));
        if (items.isEmpty()) {
            throw ImapCommandException.bad("STATUS needs items");
        }
        SelectedMailbox selected = session.selected();
        if (selected != null && selected.name().equals(name)) {
            session.untagged(status(name, items, selected.mailbox(), selected.messages(), selected.recentCount()));
        } else {
            try (Mailbox mailbox = session.store().open(name, true)) {
                Mailbox.Refresh refresh = mailbox.refresh();
                session.untagged(status(name, items, mailbox, mailbox.messages(), refresh.recent().size()));
            }
        }
        return "OK Status completed";
    }

    private static String status(String name, List<ImapToken> items, Mailbox mailbox, List<MailboxMessage> messages,
                                 int recent) throws ImapCommandException {
        StringBuilder out = new StringBuilder("STATUS ").append(ImapSession.quotedMailboxName(name)).append(" (");
        for (ImapToken token : items) {
            String item = Args.atom(token).toUpperCase(Locale.ROOT);
            long value = switch (item) {
                case "MESSAGES" -> messages.size();
                case "RECENT" -> recent;
                case "UIDNEXT" -> mailbox.uidNext();
                case "UIDVALIDITY" -> mailbox.uidValidity();
                case "UNSEEN" -> messages.stream()
                        .filter(m -> !m.flags().system().contains(MessageFlags.SystemFlag.SEEN)).count();
                case "HIGHESTMODSEQ" -> mailbox.highestModSeq();
                case "SIZE" -> messages.stream().mapToLong(MailboxMessage::virtualSize).sum();
                default -> throw ImapCommandException.bad("Unknown STATUS item " + item);
            };
            if (out.charAt(out.length() - 1) != '(') {
                out.append(' ');
            }
            out.append(item).append(' ').append(value);
        }
        return out.append(')').toString();
    }
}
