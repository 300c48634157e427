package org.yubin.pop3.command;

import java.util.Set;

import org.yubin.pop3.Pop3Session;
import org.yubin.pop3.Pop3SessionState;
import org.yubin.pop3.codec.Pop3Reply;

/**
 * STLS (RFC 2595 4): TLS on the plain-text port, only in AUTHORIZATION. Whatever the
 * client pipelined after the command is dropped, and a USER given before is forgotten.
 */
final class StlsCommand implements Pop3Command {

    @Override
    public Set<Pop3SessionState> states() {
        return Set.of(Pop3SessionState.AUTHORIZATION);
    }

    @Override
    public void execute(Pop3Session session, String argument) {
        if (session.isTls()) {
            session.error(Pop3Reply.err("TLS is already active."));
        } else if (!session.offersStls()) {
            session.error(Pop3Reply.err("STLS is not available here."));
        } else if (!argument.isBlank()) {
            session.error(Pop3Reply.err("Noise after the STLS command."));
        } else {
            session.startTls();
        }
    }
}
