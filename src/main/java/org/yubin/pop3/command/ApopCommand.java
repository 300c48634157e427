package org.yubin.pop3.command;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.Set;

import org.yubin.pop3.Pop3Session;
import org.yubin.pop3.Pop3SessionState;
import org.yubin.pop3.codec.Pop3Reply;

import org.yubin.directory.CleartextCredential;
import org.yubin.directory.DirectoryUnavailableException;

/**
 * APOP name digest (RFC 1939 7): {@code digest} is the MD5 of the greeting's timestamp
 * followed by the password, in lower-case hex. It needs the user's cleartext password in
 * the directory ({@code {PLAIN}}); users with a hashed one always fail, like wrong digests.
 * No password crosses the wire, so it is allowed before TLS.
 */
final class ApopCommand implements Pop3Command {

    private static final String METHOD = "APOP";

    @Override
    public Set<Pop3SessionState> states() {
        return Set.of(Pop3SessionState.AUTHORIZATION);
    }

    @Override
    public void execute(Pop3Session session, String argument) {
        String[] words = MessageNumbers.words(argument);
        if (words.length != 2 || !words[1].matches("[0-9a-fA-F]{32}")) {
            session.error(Pop3Reply.err("Syntax: APOP name digest"));
            return;
        }
        String login = words[0];
        if (session.refuseIfOverFailureLimit(METHOD, login)) {
            return;
        }
        Optional<CleartextCredential> credential;
        try {
            credential = session.authenticator().cleartext(login);
        } catch (DirectoryUnavailableException e) {
            session.directoryUnavailable(METHOD, login, e);
            return;
        }
        if (credential.isEmpty()) {
            session.loginFailed(METHOD, login, "unknown user or no cleartext password");
            return;
        }
        byte[] expected = digest(session.apopTimestamp(), credential.get().password());
        if (MessageDigest.isEqual(expected, HexFormat.of().parseHex(words[1].toLowerCase()))) {
            session.loggedIn(credential.get().user(), METHOD);
        } else {
            session.loginFailed(METHOD, login, "wrong digest");
        }
    }

    static byte[] digest(String timestamp, String password) {
        try {
            return MessageDigest.getInstance("MD5").digest((timestamp + password).getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 is a required JDK algorithm", e);
        }
    }
}
