package org.yubin.imap.command;

import java.util.Set;

import org.yubin.imap.ImapCommandException;
import org.yubin.imap.ImapSession;
import org.yubin.imap.ImapSessionState;
import org.yubin.imap.codec.ImapRequest;

/** NAMESPACE (RFC 2342): one personal namespace, no prefix, {@code .} as separator (Maildir++). */
final class NamespaceCommand implements ImapCommand {

    @Override
    public Set<ImapSessionState> validIn() {
        return AUTHENTICATED;
    }

    @Override
    public String execute(ImapSession session, ImapRequest.Command command) throws ImapCommandException {
        Args.none(command);
        session.untagged("NAMESPACE ((\"\" \".\")) NIL NIL");
        return "OK Namespace completed";
    }
}
