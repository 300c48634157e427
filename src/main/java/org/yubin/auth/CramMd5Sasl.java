package org.yubin.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Optional;

import org.yubin.directory.CleartextCredential;

/**
 * CRAM-MD5 (RFC 2195): the server sends {@code <random.timestamp@hostname>}, the client
 * answers {@code user SP hex(HMAC-MD5(password, challenge))}. Needs the cleartext
 * password from the directory ({@code {PLAIN}}); users with hashed passwords fail.
 */
final class CramMd5Sasl implements SaslServer {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final Credentials credentials;
    private final String challenge;
    private boolean challenged;
    private boolean done;

    /** An exchange with a fresh challenge naming {@code hostname}. */
    static CramMd5Sasl forHost(Credentials credentials, String hostname) {
        return withChallenge(credentials, "<" + Long.toUnsignedString(RANDOM.nextLong()) + "."
                + System.currentTimeMillis() + "@" + hostname + ">");
    }

    /** An exchange with a given challenge (the RFC's example). */
    static CramMd5Sasl withChallenge(Credentials credentials, String challenge) {
        return new CramMd5Sasl(credentials, challenge);
    }

    private CramMd5Sasl(Credentials credentials, String challenge) {
        this.credentials = credentials;
        this.challenge = challenge;
    }

    @Override
    public String mechanism() {
        return "CRAM-MD5";
    }

    @Override
    public SaslStep evaluate(byte[] response) {
        if (done) {
            throw new IllegalStateException("CRAM-MD5 exchange already finished");
        }
        if (!challenged) {
            challenged = true;
            if (response != null && response.length > 0) {
                done = true;
                return new SaslStep.Failure("CRAM-MD5 takes no initial response", null);
            }
            return new SaslStep.Challenge(challenge.getBytes(StandardCharsets.US_ASCII));
        }
        done = true;
        String text = new String(response, StandardCharsets.UTF_8);
        int space = text.lastIndexOf(' ');
        if (space <= 0 || !text.substring(space + 1).matches("[0-9a-fA-F]{32}")) {
            return new SaslStep.Failure("malformed CRAM-MD5 response", null);
        }
        String username = text.substring(0, space);
        byte[] digest = HexFormat.of().parseHex(text.substring(space + 1).toLowerCase(java.util.Locale.ROOT));
        Optional<CleartextCredential> stored = credentials.cleartext(username);
        if (stored.isEmpty()) {
            return new SaslStep.Failure("authentication failure", username);
        }
        byte[] expected = Hmac.compute("HmacMD5", stored.get().password().getBytes(StandardCharsets.UTF_8),
                challenge.getBytes(StandardCharsets.US_ASCII));
        return MessageDigest.isEqual(expected, digest)
                ? new SaslStep.Success(stored.get().user(), null)
                : new SaslStep.Failure("authentication failure", username);
    }
}
