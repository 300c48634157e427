package org.yubin.pop3.command;

import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.yubin.auth.SaslMechanism;
import org.yubin.auth.SaslServer;
import org.yubin.auth.SaslStep;
import org.yubin.directory.DirectoryUnavailableException;
import org.yubin.pop3.Pop3Session;
import org.yubin.pop3.Pop3SessionState;
import org.yubin.pop3.codec.Pop3Reply;

/**
 * AUTH mechanism [initial-response] (RFC 5034): a SASL exchange with the mechanisms of
 * {@code yubin.auth.mechanisms}. Challenges go out as {@code + base64}; the client answers
 * one line each, {@code *} cancels, {@code =} is an empty initial response. Server data
 * with the success (SCRAM) is sent as a last challenge, answered by an empty line. A bare
 * {@code AUTH} lists the mechanisms, as older clients expect. PLAIN and LOGIN are refused
 * before TLS where {@code login-disabled-before-tls} is set.
 */
final class AuthCommand implements Pop3Command {

    static final Pop3Reply UNSUPPORTED = Pop3Reply.err("Unsupported authentication mechanism.");
    static final Pop3Reply ABORTED = Pop3Reply.err("Authentication aborted by client.");
    static final Pop3Reply BAD_BASE64 = Pop3Reply.err("Invalid base64 data.");

    @Override
    public Set<Pop3SessionState> states() {
        return Set.of(Pop3SessionState.AUTHORIZATION);
    }

    /** The mechanisms the client may use now, by their SASL names. */
    static List<String> usableMechanisms(Pop3Session session) {
        return session.authenticator().mechanisms().stream()
                .filter(mechanism -> mechanism.needsCleartext() || session.allowsPlaintextLogin())
                .map(SaslMechanism::saslName)
                .toList();
    }

    @Override
    public void execute(Pop3Session session, String argument) {
        String[] words = MessageNumbers.words(argument);
        if (words.length == 0) {
            session.reply(Pop3Reply.multiLine("", usableMechanisms(session)));
            return;
        }
        if (words.length > 2) {
            session.error(Pop3Reply.err("Syntax: AUTH mechanism [initial-response]"));
            return;
        }
        Optional<SaslMechanism> mechanism = SaslMechanism.byName(words[0]);
        if (mechanism.isPresent() && !mechanism.get().needsCleartext() && !session.allowsPlaintextLogin()) {
            session.error(UserCommand.PLAINTEXT_DISALLOWED);
            return;
        }
        Optional<SaslServer> server = session.authenticator().start(words[0], session.settings().hostname());
        if (server.isEmpty()) {
            session.error(UNSUPPORTED);
            return;
        }
        if (session.refuseIfOverFailureLimit(server.get().mechanism(), null)) {
            return;
        }
        byte[] initial = null;
        if (words.length == 2) {
            initial = words[1].equals("=") ? new byte[0] : decode(words[1]);
            if (initial == null) {
                session.error(BAD_BASE64);
                return;
            }
        }
        new Exchange(server.get()).step(session, initial);
    }

    private static byte[] decode(String text) {
        try {
            return Base64.getDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** One SASL exchange in progress; it takes the client's lines as the session's continuation. */
    private static final class Exchange implements Pop3Session.Continuation {

        private final SaslServer server;
        private SaslStep.Success pendingSuccess;

        Exchange(SaslServer server) {
            this.server = server;
        }

        @Override
        public void onLine(Pop3Session session, String line) {
            if (line.equals("*")) {
                session.reply(ABORTED);
                return;
            }
            if (pendingSuccess != null) {
                if (line.isEmpty()) {
                    session.loggedIn(pendingSuccess.user(), server.mechanism());
                } else {
                    session.loginFailed(server.mechanism(), pendingSuccess.user().login(), "unexpected response");
                }
                return;
            }
            byte[] response = line.isEmpty() ? new byte[0] : decode(line);
            if (response == null) {
                session.error(BAD_BASE64);
                return;
            }
            step(session, response);
        }

        void step(Pop3Session session, byte[] response) {
            SaslStep next;
            try {
                next = server.evaluate(response);
            } catch (DirectoryUnavailableException e) {
                session.directoryUnavailable(server.mechanism(), null, e);
                return;
            }
            if (next instanceof SaslStep.Challenge challenge) {
                session.continueWith(this);
                session.reply(Pop3Reply.continuation(Base64.getEncoder().encodeToString(challenge.data())));
            } else if (next instanceof SaslStep.Success success && success.finalData() != null) {
                pendingSuccess = success;
                session.continueWith(this);
                session.reply(Pop3Reply.continuation(Base64.getEncoder().encodeToString(success.finalData())));
            } else if (next instanceof SaslStep.Success success) {
                session.loggedIn(success.user(), server.mechanism());
            } else if (next instanceof SaslStep.Failure failure) {
                session.loginFailed(server.mechanism(), failure.username(), failure.reason());
            }
        }
    }
}
