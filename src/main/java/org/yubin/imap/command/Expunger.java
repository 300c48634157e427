package org.yubin.imap.command;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import org.yubin.delivery.store.MailboxMessage;
import org.yubin.delivery.store.MessageFlags;
import org.yubin.imap.ImapSession;
import org.yubin.imap.SelectedMailbox;

/** Removes messages from the selected mailbox and, unless silent, tells the client each one's sequence number. */
final class Expunger {

    private Expunger() {
    }

    /** The messages flagged {@code \Deleted}, optionally limited to the sequence numbers {@code among}. */
    static List<MailboxMessage> deleted(SelectedMailbox selected, int[] among) {
        List<MailboxMessage> out = new ArrayList<>();
        if (among == null) {
            for (MailboxMessage message : selected.messages()) {
                if (message.flags().system().contains(MessageFlags.SystemFlag.DELETED)) {
                    out.add(message);
                }
            }
        } else {
            for (int seq : among) {
                MailboxMessage message = selected.get(seq);
                if (message.flags().system().contains(MessageFlags.SystemFlag.DELETED)) {
                    out.add(message);
                }
            }
        }
        return out;
    }

    static void expunge(ImapSession session, List<MailboxMessage> messages, boolean silent) throws IOException {
        if (messages.isEmpty()) {
            return;
        }
        SelectedMailbox selected = session.selected();
        selected.mailbox().expunge(messages);
        session.countExpunged(messages.size());
        for (MailboxMessage message : messages) {
            int seq = selected.remove(message.uid());
            if (seq > 0 && !silent) {
                session.untagged(seq + " EXPUNGE");
            }
        }
    }
}
