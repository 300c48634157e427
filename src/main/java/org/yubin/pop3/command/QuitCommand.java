package org.yubin.pop3.command;

import java.util.Set;

import org.yubin.pop3.Pop3Session;
import org.yubin.pop3.Pop3SessionState;


/**
 * QUIT (RFC 1939 4, 6): in AUTHORIZATION just closes; in TRANSACTION enters UPDATE, where
 * deleted messages are removed and retrieved ones marked {@code \Seen}.
 */
final class QuitCommand implements Pop3Command {

    @Override
    public Set<Pop3SessionState> states() {
        return Set.of(Pop3SessionState.AUTHORIZATION, Pop3SessionState.TRANSACTION);
    }

    @Override
    public void execute(Pop3Session session, String argument) {
        session.quit();
    }
}
