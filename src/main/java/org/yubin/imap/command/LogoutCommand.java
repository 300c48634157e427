package org.yubin.imap.command;

import java.util.Set;

import org.yubin.imap.ImapCommandException;
import org.yubin.imap.ImapSession;
import org.yubin.imap.ImapSessionState;
import org.yubin.imap.codec.ImapRequest;

/** LOGOUT (RFC 3501 6.1.3): BYE, the tagged OK, then the connection closes. */
final class LogoutCommand implements ImapCommand {

    @Override
    public Set<ImapSessionState> validIn() {
        return ANY;
    }

    @Override
    public String execute(ImapSession session, ImapRequest.Command command) throws ImapCommandException {
        Args.none(command);
        session.untagged("BYE Logging out");
        session.tagged(command.tag(), "OK Logout completed");
        session.state(ImapSessionState.LOGOUT);
        session.decoder().pause();
        session.closeAfterFlush();
        return null;
    }
}
