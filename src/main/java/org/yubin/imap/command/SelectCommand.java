package org.yubin.imap.command;

import java.io.IOException;
import java.util.List;
import java.util.Set;

import org.yubin.delivery.store.Mailbox;
import org.yubin.delivery.store.MailboxMessage;
import org.yubin.delivery.store.MessageFlags;
import org.yubin.imap.ImapCommandException;
import org.yubin.imap.ImapFlags;
import org.yubin.imap.ImapSession;
import org.yubin.imap.ImapSessionState;
import org.yubin.imap.SelectedMailbox;
import org.yubin.imap.codec.ImapRequest;
import org.yubin.imap.codec.ImapToken;

/**
 * SELECT and EXAMINE (RFC 3501 6.3.1, 6.3.2), with the {@code (CONDSTORE)} parameter
 * (RFC 7162 3.1.8). A failed SELECT leaves no mailbox selected.
 */
final class SelectCommand implements ImapCommand {

    private final boolean readOnly;

    SelectCommand(boolean readOnly) {
        this.readOnly = readOnly;
    }

    @Override
    public Set<ImapSessionState> validIn() {
        return AUTHENTICATED;
    }

    @Override
    public String execute(ImapSession session, ImapRequest.Command command) throws ImapCommandException, IOException {
        Args.count(command, 1, 2);
        String name = session.mailboxName(command.args().get(0));
        if (command.args().size() == 2) {
            for (ImapToken parameter : Args.list(command.args().get(1))) {
                if (!Args.atom(parameter).equalsIgnoreCase("CONDSTORE")) {
                    throw ImapCommandException.bad("Unknown SELECT parameter");
                }
                session.enableCondstore();
            }
        }
        session.deselect();
        Mailbox mailbox = session.store().open(name, readOnly);
        SelectedMailbox selected;
        try {
            Mailbox.Refresh refresh = mailbox.refresh();
            selected = session.newSelection(mailbox, name, readOnly || mailbox.isReadOnly(), mailbox.messages(),
                    refresh.recent());
        } catch (IOException | RuntimeException e) {
            mailbox.close();
            throw e;
        }
        session.select(selected);
        List<MailboxMessage> messages = selected.messages();
        session.untagged("FLAGS (" + ImapFlags.SYSTEM_FLAGS + ")");
        session.untagged("OK [PERMANENTFLAGS (" + (selected.isReadOnly() ? "" : ImapFlags.SYSTEM_FLAGS + " \\*")
                + ")] Flags permitted.");
        session.untagged(messages.size() + " EXISTS");
        session.untagged(selected.recentCount() + " RECENT");
        for (int i = 0; i < messages.size(); i++) {
            if (!messages.get(i).flags().system().contains(MessageFlags.SystemFlag.SEEN)) {
                session.untagged("OK [UNSEEN " + (i + 1) + "] First unseen.");
                break;
            }
        }
        session.untagged("OK [UIDVALIDITY " + mailbox.uidValidity() + "] UIDs valid");
        session.untagged("OK [UIDNEXT " + mailbox.uidNext() + "] Predicted next UID");
        session.untagged("OK [HIGHESTMODSEQ " + mailbox.highestModSeq() + "] Highest");
        return selected.isReadOnly() ? "OK [READ-ONLY] Examine completed" : "OK [READ-WRITE] Select completed";
    }
}
