package org.yubin.pop3.command;

import java.util.Set;

import org.yubin.pop3.Pop3Session;
import org.yubin.pop3.Pop3SessionState;
import org.yubin.pop3.codec.Pop3Reply;

/** DELE msg (RFC 1939 5): marks a message deleted; it is removed only in the UPDATE state. */
final class DeleCommand implements Pop3Command {

    @Override
    public Set<Pop3SessionState> states() {
        return Set.of(Pop3SessionState.TRANSACTION);
    }

    @Override
    public void execute(Pop3Session session, String argument) {
        int number = MessageNumbers.onlyArgument(session, argument, "Syntax: DELE msg");
        if (number != MessageNumbers.INVALID) {
            session.maildrop().delete(number);
            session.reply(Pop3Reply.ok("Marked to be deleted."));
        }
    }
}
