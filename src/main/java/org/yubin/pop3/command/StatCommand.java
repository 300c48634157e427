package org.yubin.pop3.command;

import java.util.Set;

import org.yubin.pop3.Pop3Session;
import org.yubin.pop3.Pop3SessionState;
import org.yubin.pop3.codec.Pop3Reply;

/** STAT (RFC 1939 5): {@code +OK count octets} of the messages not marked deleted. */
final class StatCommand implements Pop3Command {

    @Override
    public Set<Pop3SessionState> states() {
        return Set.of(Pop3SessionState.TRANSACTION);
    }

    @Override
    public void execute(Pop3Session session, String argument) {
        if (!argument.isBlank()) {
            session.error(Pop3Reply.err("Noise after the STAT command."));
            return;
        }
        session.reply(Pop3Reply.ok(session.maildrop().count() + " " + session.maildrop().octets()));
    }
}
