package org.yubin.pop3.command;

import java.util.Optional;
import java.util.Set;

import org.yubin.pop3.Pop3Session;
import org.yubin.pop3.Pop3SessionState;
import org.yubin.pop3.codec.Pop3Reply;

import org.yubin.directory.DirectoryUnavailableException;
import org.yubin.directory.MailUser;

/**
 * PASS string (RFC 1939 7): checks the password of the USER name; on success the maildrop
 * is locked and opened. The password is the rest of the line, spaces included.
 */
final class PassCommand implements Pop3Command {

    private static final String METHOD = "USER";

    @Override
    public Set<Pop3SessionState> states() {
        return Set.of(Pop3SessionState.AUTHORIZATION);
    }

    @Override
    public void execute(Pop3Session session, String argument) {
        String login = session.pendingUser();
        if (!session.allowsPlaintextLogin()) {
            session.error(UserCommand.PLAINTEXT_DISALLOWED);
            return;
        }
        if (login == null) {
            session.error(Pop3Reply.err("No username given."));
            return;
        }
        if (session.refuseIfOverFailureLimit(METHOD, login)) {
            return;
        }
        Optional<MailUser> user;
        try {
            user = session.authenticator().verify(login, argument);
        } catch (DirectoryUnavailableException e) {
            session.directoryUnavailable(METHOD, login, e);
            return;
        }
        if (user.isPresent()) {
            session.loggedIn(user.get(), METHOD);
        } else {
            session.loginFailed(METHOD, login, "wrong password or unknown user");
        }
    }
}
