package org.yubin.imap.command;

import java.io.IOException;
import java.util.Set;

import org.yubin.imap.ImapCommandException;
import org.yubin.imap.ImapSession;
import org.yubin.imap.ImapSessionState;
import org.yubin.imap.codec.ImapRequest;

/** RENAME (RFC 3501 6.3.5); renaming INBOX moves its messages into the new folder (the store does it). */
final class RenameCommand implements ImapCommand {

    @Override
    public Set<ImapSessionState> validIn() {
        return AUTHENTICATED;
    }

    @Override
    public String execute(ImapSession session, ImapRequest.Command command) throws ImapCommandException, IOException {
        Args.count(command, 2, 2);
        String from = session.mailboxName(command.args().get(0));
        String to = session.mailboxName(command.args().get(1));
        if (to.equals("INBOX")) {
            throw ImapCommandException.no("[ALREADYEXISTS] Mailbox already exists");
        }
        session.store().rename(from, to);
        return "OK Rename completed";
    }
}
