package org.yubin.pop3.command;

import java.util.Set;

import org.yubin.pop3.Pop3Session;
import org.yubin.pop3.Pop3SessionState;
import org.yubin.pop3.codec.DotStuffedMessage;
import org.yubin.pop3.codec.Pop3Reply;

/** RETR msg (RFC 1939 5): the whole message, byte-stuffed; it will be marked {@code \Seen} at QUIT. */
final class RetrCommand implements Pop3Command {

    @Override
    public Set<Pop3SessionState> states() {
        return Set.of(Pop3SessionState.TRANSACTION);
    }

    @Override
    public void execute(Pop3Session session, String argument) {
        int number = MessageNumbers.onlyArgument(session, argument, "Syntax: RETR msg");
        if (number != MessageNumbers.INVALID) {
            MessageContent.send(session, number, session.maildrop()::retrieve,
                    Pop3Reply.ok(session.maildrop().sizeOf(number) + " octets"), DotStuffedMessage::whole);
        }
    }
}
