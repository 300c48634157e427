package org.yubin.imap.command;

import java.util.Set;

import org.yubin.imap.ImapCommandException;
import org.yubin.imap.ImapSession;
import org.yubin.imap.ImapSessionState;
import org.yubin.imap.codec.ImapRequest;

/** CAPABILITY (RFC 3501 6.1.1): what the session offers in its current state. */
final class CapabilityCommand implements ImapCommand {

    @Override
    public Set<ImapSessionState> validIn() {
        return ANY;
    }

    @Override
    public String execute(ImapSession session, ImapRequest.Command command) throws ImapCommandException {
        Args.none(command);
        session.untagged("CAPABILITY " + session.capabilities());
        return "OK Capability completed";
    }
}
