package org.yubin.imap.command;

import java.util.Set;

import org.yubin.imap.ImapCommandException;
import org.yubin.imap.ImapSession;
import org.yubin.imap.ImapSessionState;
import org.yubin.imap.codec.ImapRequest;
import org.yubin.imap.codec.ImapToken;

/** ENABLE (RFC 5161): CONDSTORE is the one extension that needs it; others are ignored as the RFC asks. */
final class EnableCommand implements ImapCommand {

    @Override
    public Set<ImapSessionState> validIn() {
        return AUTHENTICATED;
    }

    @Override
    public String execute(ImapSession session, ImapRequest.Command command) throws ImapCommandException {
        Args.count(command, 1, Integer.MAX_VALUE);
        StringBuilder enabled = new StringBuilder("ENABLED");
        for (ImapToken token : command.args()) {
            if (Args.atom(token).equalsIgnoreCase("CONDSTORE")) {
                if (!session.condstore()) {
                    session.enableCondstore();
                }
                enabled.append(" CONDSTORE");
            }
        }
        session.untagged(enabled.toString());
        return "OK Enabled";
    }
}
