package org.yubin.imap.command;

import java.util.Set;

import org.yubin.imap.ImapCommandException;
import org.yubin.imap.ImapHandlerNames;
import org.yubin.imap.ImapSession;
import org.yubin.imap.ImapSessionState;
import org.yubin.imap.codec.ImapRequest;

/**
 * STARTTLS (RFC 3501 6.2.1, RFC 2595): the TLS handler goes in front before the OK is
 * written (a start-TLS handler lets that one write pass in plain text), and the decoder drops
 * whatever the client pipelined after the command until the handshake is done.
 */
final class StartTlsCommand implements ImapCommand {

    @Override
    public Set<ImapSessionState> validIn() {
        return NOT_AUTHENTICATED;
    }

    @Override
    public String execute(ImapSession session, ImapRequest.Command command) throws ImapCommandException {
        Args.none(command);
        if (!session.settings().offersStartTls() || session.isTls()) {
            throw ImapCommandException.bad("TLS is already active or not available");
        }
        session.decoder().discardPlaintext();
        var ctx = session.context();
        ctx.pipeline().addFirst(ImapHandlerNames.TLS, session.settings().tls().newHandler(ctx.alloc(), true));
        session.tagged(command.tag(), "OK Begin TLS negotiation now");
        session.flush();
        return null;
    }
}
