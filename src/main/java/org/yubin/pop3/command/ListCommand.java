package org.yubin.pop3.command;

import java.util.Set;

import org.yubin.pop3.Pop3Session;
import org.yubin.pop3.Pop3SessionState;

/** LIST [msg] (RFC 1939 5): the sizes of all messages not marked deleted, or of one. */
final class ListCommand implements Pop3Command {

    @Override
    public Set<Pop3SessionState> states() {
        return Set.of(Pop3SessionState.TRANSACTION);
    }

    @Override
    public void execute(Pop3Session session, String argument) {
        MessageNumbers.scanListing(session, argument, "Syntax: LIST [msg]",
                number -> String.valueOf(session.maildrop().sizeOf(number)),
                () -> session.maildrop().count() + " messages (" + session.maildrop().octets() + " octets)");
    }
}
