package org.yubin.imap.command;

import java.io.IOException;
import java.util.Set;

import org.yubin.imap.ImapCommandException;
import org.yubin.imap.ImapSession;
import org.yubin.imap.ImapSessionState;
import org.yubin.imap.codec.ImapRequest;

/**
 * CREATE (RFC 3501 6.3.3). A trailing separator only says the client wants to create
 * children later and is dropped; the store refuses names that could leave the Maildir.
 */
final class CreateCommand implements ImapCommand {

    @Override
    public Set<ImapSessionState> validIn() {
        return AUTHENTICATED;
    }

    @Override
    public String execute(ImapSession session, ImapRequest.Command command) throws ImapCommandException, IOException {
        Args.count(command, 1, 1);
        String name = session.mailboxName(command.args().get(0));
        if (name.endsWith(".") && name.length() > 1) {
            name = name.substring(0, name.length() - 1);
        }
        if (name.equals("INBOX")) {
            throw ImapCommandException.no("[ALREADYEXISTS] Mailbox already exists");
        }
        session.store().create(name);
        return "OK Create completed";
    }
}
