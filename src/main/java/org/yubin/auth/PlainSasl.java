package org.yubin.auth;

import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;

/**
 * SASL PLAIN (RFC 4616): one message {@code [authzid] NUL authcid NUL passwd} in UTF-8.
 * Acting for another identity is not supported: the authzid must be empty or equal to
 * the authcid. Without an initial response the server sends an empty challenge first.
 */
final class PlainSasl implements SaslServer {

    private final Credentials credentials;
    private boolean done;
    private boolean challenged;

    PlainSasl(Credentials credentials) {
        this.credentials = credentials;
    }

    @Override
    public String mechanism() {
        return "PLAIN";
    }

    @Override
    public SaslStep evaluate(byte[] response) {
        if (done) {
            throw new IllegalStateException("PLAIN exchange already finished");
        }
        if (response == null && !challenged) {
            challenged = true;
            return new SaslStep.Challenge(new byte[0]);
        }
        done = true;
        String[] parts = decode(response == null ? new byte[0] : response);
        if (parts == null) {
            return new SaslStep.Failure("malformed PLAIN message", null);
        }
        String authzid = parts[0];
        String authcid = parts[1];
        if (!authzid.isEmpty() && !authzid.equalsIgnoreCase(authcid)) {
            return new SaslStep.Failure("authorization identity differs from the login", authcid);
        }
        return credentials.verify(authcid, parts[2])
                .<SaslStep>map(user -> new SaslStep.Success(user, null))
                .orElseGet(() -> new SaslStep.Failure("authentication failure", authcid));
    }

    /** authzid, authcid, passwd; {@code null} when the message is not two NULs in valid UTF-8. */
    private static String[] decode(byte[] message) {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(message)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
        String[] parts = text.split("\0", -1);
        if (parts.length != 3 || parts[1].isEmpty() || parts[2].isEmpty()) {
            return null;
        }
        return parts;
    }
}
