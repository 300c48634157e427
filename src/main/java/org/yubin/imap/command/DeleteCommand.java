package org.yubin.imap.command;

import java.io.IOException;
import java.util.Set;

import org.yubin.imap.ImapCommandException;
import org.yubin.imap.ImapSession;
import org.yubin.imap.ImapSessionState;
import org.yubin.imap.codec.ImapRequest;

/** DELETE (RFC 3501 6.3.4): never INBOX; deleting the selected mailbox deselects it first. */
final class DeleteCommand implements ImapCommand {

    @Override
    public Set<ImapSessionState> validIn() {
        return AUTHENTICATED;
    }

    @Override
    public String execute(ImapSession session, ImapRequest.Command command) throws ImapCommandException, IOException {
        Args.count(command, 1, 1);
        String name = session.mailboxName(command.args().get(0));
        if (name.equals("INBOX")) {
            throw ImapCommandException.no("[CANNOT] INBOX can't be deleted.");
        }
        if (session.selected() != null && session.selected().name().equals(name)) {
            session.deselect();
        }
        session.store().delete(name);
        return "OK Delete completed";
    }
}
