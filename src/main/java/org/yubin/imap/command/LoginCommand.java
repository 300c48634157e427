package org.yubin.imap.command;

import java.util.Optional;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.yubin.auth.Authenticator;
import org.yubin.directory.DirectoryUnavailableException;
import org.yubin.directory.MailUser;
import org.yubin.imap.ImapCommandException;
import org.yubin.imap.ImapSession;
import org.yubin.imap.ImapSessionState;
import org.yubin.imap.codec.ImapRequest;

/**
 * LOGIN (RFC 3501 6.2.3). Refused before TLS where configured (LOGINDISABLED); a client
 * over its failure limit is refused without a check; a wrong password is answered after
 * the {@link Authenticator}'s delay.
 */
final class LoginCommand implements ImapCommand {

    private static final Logger LOG = LoggerFactory.getLogger(LoginCommand.class);

    static final String FAILED = "[AUTHENTICATIONFAILED] Authentication failed.";

    @Override
    public Set<ImapSessionState> validIn() {
        return NOT_AUTHENTICATED;
    }

    @Override
    public String execute(ImapSession session, ImapRequest.Command command) throws ImapCommandException {
        Args.count(command, 2, 2);
        if (session.loginDisabled()) {
            throw ImapCommandException.no("[PRIVACYREQUIRED] Plaintext authentication disallowed on non-secure connections.");
        }
        String login = Args.astring(command.args().get(0));
        String password = Args.astring(command.args().get(1));
        Authenticator authenticator = session.services().authenticator();
        if (authenticator.isOverFailureLimit(session.clientAddress())) {
            LOG.info("imap-login: refused rip={}: too many failed logins", session.client());
            session.refuseLater(command.tag(), "[UNAVAILABLE] Too many failed logins, try later",
                    authenticator.overLimitDelay());
            return null;
        }
        Optional<MailUser> user;
        try {
            user = authenticator.verify(login, password);
        } catch (DirectoryUnavailableException e) {
            LOG.warn("imap-login: user=<{}> rip={}: directory unavailable: {}", login, session.client(), e.getMessage());
            throw ImapCommandException.no("[UNAVAILABLE] Temporary authentication failure");
        }
        if (user.isEmpty()) {
            return failed(session, command.tag(), login, "LOGIN");
        }
        return session.loggedIn(user.get(), "LOGIN");
    }

    /** Logs the failure and answers it after the delay; {@code null}: the answer comes later. */
    static String failed(ImapSession session, String tag, String login, String mechanism) {
        LOG.info("imap-login: Disconnected/failed: auth failed, user=<{}>, method={}, rip={}, {}", login, mechanism,
                session.client(), session.isTls() ? "TLS" : "plaintext");
        session.refuseLater(tag, FAILED, session.services().authenticator().recordFailure(session.clientAddress()));
        return null;
    }
}
