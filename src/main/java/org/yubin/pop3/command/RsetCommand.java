package org.yubin.pop3.command;

import java.util.Set;

import org.yubin.pop3.Pop3Session;
import org.yubin.pop3.Pop3SessionState;
import org.yubin.pop3.codec.Pop3Reply;

/** RSET (RFC 1939 5): unmarks every message marked deleted. */
final class RsetCommand implements Pop3Command {

    @Override
    public Set<Pop3SessionState> states() {
        return Set.of(Pop3SessionState.TRANSACTION);
    }

    @Override
    public void execute(Pop3Session session, String argument) {
        session.maildrop().reset();
        session.reply(Pop3Reply.ok(session.maildrop().count() + " messages (" + session.maildrop().octets()
                + " octets)"));
    }
}
