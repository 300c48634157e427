package org.yubin.pop3.command;

import java.util.Set;

import org.yubin.pop3.Pop3Session;
import org.yubin.pop3.Pop3SessionState;
import org.yubin.pop3.codec.Pop3Reply;

/**
 * USER name (RFC 1939 7): remembers the name for PASS. Refused before TLS where passwords
 * must not cross in plain text (RFC 2595 2.3).
 */
final class UserCommand implements Pop3Command {

    static final Pop3Reply PLAINTEXT_DISALLOWED = Pop3Reply.err(Pop3Reply.AUTH,
            "Plaintext authentication disallowed on non-secure (SSL/TLS) connections.");

    @Override
    public Set<Pop3SessionState> states() {
        return Set.of(Pop3SessionState.AUTHORIZATION);
    }

    @Override
    public void execute(Pop3Session session, String argument) {
        if (!session.allowsPlaintextLogin()) {
            session.error(PLAINTEXT_DISALLOWED);
            return;
        }
        String name = argument.strip();
        if (name.isEmpty() || name.contains(" ")) {
            session.error(Pop3Reply.err("Syntax: USER name"));
            return;
        }
        session.pendingUser(name);
        session.reply(Pop3Reply.ok(""));
    }
}
