package org.yubin.imap.command;

import java.util.Base64;
import java.util.Optional;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.yubin.auth.SaslMechanism;
import org.yubin.auth.SaslServer;
import org.yubin.auth.SaslStep;
import org.yubin.directory.DirectoryUnavailableException;
import org.yubin.imap.ImapCommandException;
import org.yubin.imap.ImapSession;
import org.yubin.imap.ImapSessionState;
import org.yubin.imap.codec.ImapRequest;

/**
 * AUTHENTICATE (RFC 3501 6.2.2) with an optional initial response (SASL-IR, RFC 4959):
 * the mechanisms the {@link org.yubin.auth.Authenticator} enables; challenges go out as
 * {@code + base64}, the client's lines come back raw; {@code *} cancels. Plaintext
 * mechanisms are refused before TLS where configured.
 */
final class AuthenticateCommand implements ImapCommand {

    private static final Logger LOG = LoggerFactory.getLogger(AuthenticateCommand.class);

    @Override
    public Set<ImapSessionState> validIn() {
        return NOT_AUTHENTICATED;
    }

    @Override
    public String execute(ImapSession session, ImapRequest.Command command) throws ImapCommandException {
        Args.count(command, 1, 2);
        String name = Args.atom(command.args().get(0));
        Optional<SaslMechanism> mechanism = SaslMechanism.byName(name);
        if (session.loginDisabled() && mechanism.map(m -> !m.needsCleartext()).orElse(false)) {
            throw ImapCommandException.no("[PRIVACYREQUIRED] Plaintext authentication disallowed on non-secure connections.");
        }
        Optional<SaslServer> sasl = session.services().authenticator().start(name, session.settings().hostname());
        if (sasl.isEmpty()) {
            throw ImapCommandException.no("Unsupported authentication mechanism");
        }
        if (session.services().authenticator().isOverFailureLimit(session.clientAddress())) {
            session.refuseLater(command.tag(), "[UNAVAILABLE] Too many failed logins, try later",
                    session.services().authenticator().overLimitDelay());
            return null;
        }
        byte[] initial = null;
        if (command.args().size() == 2) {
            String response = Args.astring(command.args().get(1));
            initial = response.equals("=") ? new byte[0] : decode(response);
            if (initial == null) {
                throw ImapCommandException.bad("Invalid base64 data in initial response");
            }
        }
        return step(session, command.tag(), sasl.get(), initial);
    }

    private static String step(ImapSession session, String tag, SaslServer sasl, byte[] response)
            throws ImapCommandException {
        SaslStep step;
        try {
            step = sasl.evaluate(response);
        } catch (DirectoryUnavailableException e) {
            LOG.warn("imap-login: rip={}: directory unavailable: {}", session.client(), e.getMessage());
            throw ImapCommandException.no("[UNAVAILABLE] Temporary authentication failure");
        }
        if (step instanceof SaslStep.Challenge challenge) {
            session.continuation(Base64.getEncoder().encodeToString(challenge.data()));
            session.onRawLine(line -> next(session, tag, sasl, line));
            return null;
        }
        if (step instanceof SaslStep.Failure failure) {
            String user = failure.username() == null ? "" : failure.username();
            return LoginCommand.failed(session, tag, user, sasl.mechanism());
        }
        SaslStep.Success success = (SaslStep.Success) step;
        if (success.finalData() != null && success.finalData().length > 0) {
            // RFC 3501 6.2.2: the server's last data goes in a challenge answered by an empty line
            session.continuation(Base64.getEncoder().encodeToString(success.finalData()));
            session.onRawLine(line -> finish(session, tag, success, sasl.mechanism()));
            return null;
        }
        return session.loggedIn(success.user(), sasl.mechanism());
    }

    private static void finish(ImapSession session, String tag, SaslStep.Success success, String mechanism) {
        try {
            session.tagged(tag, session.loggedIn(success.user(), mechanism));
        } catch (ImapCommandException e) {
            session.tagged(tag, "NO " + e.getMessage());
        }
    }

    private static void next(ImapSession session, String tag, SaslServer sasl, String line) {
        if (line.equals("*")) {
            session.tagged(tag, "BAD Authentication aborted by client");
            return;
        }
        byte[] response = decode(line);
        if (response == null) {
            session.tagged(tag, "BAD Invalid base64 data in continued response");
            return;
        }
        try {
            String completion = step(session, tag, sasl, response);
            if (completion != null) {
                session.tagged(tag, completion);
            }
        } catch (ImapCommandException e) {
            session.tagged(tag, "NO " + e.getMessage());
        }
    }

    private static byte[] decode(String base64) {
        try {
            return Base64.getDecoder().decode(base64.trim());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
