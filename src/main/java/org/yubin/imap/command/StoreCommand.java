package org.yubin.imap.command;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import org.yubin.delivery.store.MailboxMessage;
import org.yubin.delivery.store.MessageFlags;
import org.yubin.imap.ImapCommandException;
import org.yubin.imap.ImapSession;
import org.yubin.imap.SelectedMailbox;
import org.yubin.imap.codec.ImapRequest;
import org.yubin.imap.codec.ImapSyntaxException;
import org.yubin.imap.codec.SequenceSet;
import org.yubin.imap.fetch.StoreRequest;

/**
 * STORE and UID STORE (RFC 3501 6.4.6) with UNCHANGEDSINCE (RFC 7162 3.1.3): messages
 * changed since are left alone and named in {@code [MODIFIED ...]}. The argument grammar
 * and flag arithmetic are {@link StoreRequest}'s.
 */
final class StoreCommand extends MessageSetCommand {

    StoreCommand(boolean uid) {
        super(uid);
    }

    @Override
    public String execute(ImapSession session, ImapRequest.Command command) throws ImapCommandException, IOException {
        Args.count(command, 3, 4);
        SelectedMailbox selected = session.selected();
        int[] seqs = selected.resolve(Args.sequenceSet(command.args().get(0)), uid);
        StoreRequest request;
        try {
            request = StoreRequest.parse(command.args().subList(1, command.args().size()));
        } catch (ImapSyntaxException e) {
            throw ImapCommandException.bad(e.getMessage());
        }
        if (selected.isReadOnly()) {
            throw ImapCommandException.no("[READ-ONLY] Mailbox is read-only");
        }
        if (request.unchangedSince().isPresent()) {
            session.enableCondstore();
        }
        List<Long> modified = new ArrayList<>();
        for (int seq : seqs) {
            MailboxMessage message = selected.get(seq);
            if (request.unchangedSince().isPresent() && message.modSeq() > request.unchangedSince().getAsLong()) {
                modified.add(uid ? message.uid() : seq);
                continue;
            }
            MessageFlags flags = request.apply(message.flags());
            if (!flags.equals(message.flags())) {
                message = selected.mailbox().setFlags(message, flags);
                selected.replace(seq, message);
            }
            if (!request.silent() || request.unchangedSince().isPresent() && session.condstore()) {
                session.untagged(session.flagsUpdate(seq, message, selected.isRecent(message)));
            }
        }
        if (!modified.isEmpty()) {
            return "OK [MODIFIED " + SequenceSet.format(modified) + "] Conditional STORE failed";
        }
        return "OK Store completed";
    }
}
