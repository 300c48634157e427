package org.yubin.imap.command;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import org.yubin.delivery.store.Mailbox;
import org.yubin.delivery.store.MailboxMessage;
import org.yubin.imap.ImapCommandException;
import org.yubin.imap.ImapSession;
import org.yubin.imap.SelectedMailbox;
import org.yubin.imap.codec.ImapRequest;
import org.yubin.imap.codec.SequenceSet;

/**
 * COPY / UID COPY (RFC 3501 6.4.7) with COPYUID (RFC 4315), and MOVE / UID MOVE
 * (RFC 6851): copy, then expunge the originals, COPYUID going out untagged before the
 * EXPUNGE responses.
 */
final class CopyCommand extends MessageSetCommand {

    private final boolean move;

    CopyCommand(boolean uid, boolean move) {
        super(uid);
        this.move = move;
    }

    @Override
    public String execute(ImapSession session, ImapRequest.Command command) throws ImapCommandException, IOException {
        Args.count(command, 2, 2);
        SelectedMailbox selected = session.selected();
        if (move && selected.isReadOnly()) {
            throw ImapCommandException.no("[READ-ONLY] Mailbox is read-only");
        }
        int[] seqs = selected.resolve(Args.sequenceSet(command.args().get(0)), uid);
        String name = session.mailboxName(command.args().get(1));
        if (!session.store().exists(name)) {
            throw ImapCommandException.no("[TRYCREATE] Mailbox doesn't exist");
        }
        String verb = move ? "Move" : "Copy";
        if (seqs.length == 0) {
            return "OK No messages found";
        }
        List<MailboxMessage> messages = new ArrayList<>(seqs.length);
        for (int seq : seqs) {
            messages.add(selected.get(seq));
        }
        List<Long> newUids;
        long uidValidity;
        if (name.equals(selected.name())) {
            newUids = selected.mailbox().copy(messages, selected.mailbox());
            uidValidity = selected.mailbox().uidValidity();
            selected.markChanged();
        } else {
            try (Mailbox target = session.store().open(name, true)) {
                newUids = selected.mailbox().copy(messages, target);
                uidValidity = target.uidValidity();
            }
        }
        String copyUid = "[COPYUID " + uidValidity + " "
                + SequenceSet.format(messages.stream().map(MailboxMessage::uid).toList()) + " "
                + uidList(newUids) + "]";
        if (!move) {
            return "OK " + copyUid + " " + verb + " completed";
        }
        session.untagged("OK " + copyUid + " Moved UIDs.");
        Expunger.expunge(session, messages, false);
        return "OK " + verb + " completed";
    }

    /** New UIDs in source order: ranges only where they ascend, as COPYUID pairs them up by position. */
    private static String uidList(List<Long> uids) {
        List<Long> sorted = uids.stream().sorted().toList();
        if (sorted.equals(uids)) {
            return SequenceSet.format(uids);
        }
        return String.join(",", uids.stream().map(String::valueOf).toList());
    }
}
