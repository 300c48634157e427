package org.yubin.auth;

import java.nio.charset.StandardCharsets;

/**
 * The LOGIN mechanism (draft-murchison-sasl-login): the server asks {@code Username:} and
 * {@code Password:}, the client answers each. An initial response is the user name.
 * Still what Outlook and many devices use; offer it only over TLS, like PLAIN.
 */
final class LoginSasl implements SaslServer {

    private static final byte[] USERNAME = "Username:".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] PASSWORD = "Password:".getBytes(StandardCharsets.US_ASCII);

    private final Credentials credentials;
    private String username;
    private boolean asked;
    private boolean done;

    LoginSasl(Credentials credentials) {
        this.credentials = credentials;
    }

    @Override
    public String mechanism() {
        return "LOGIN";
    }

    @Override
    public SaslStep evaluate(byte[] response) {
        if (done) {
            throw new IllegalStateException("LOGIN exchange already finished");
        }
        if (username == null) {
            if (response == null && !asked) {
                asked = true;
                return new SaslStep.Challenge(USERNAME);
            }
            username = response == null ? "" : new String(response, StandardCharsets.UTF_8);
            if (username.isEmpty() || username.indexOf('\0') >= 0) {
                done = true;
                return new SaslStep.Failure("malformed user name", null);
            }
            return new SaslStep.Challenge(PASSWORD);
        }
        done = true;
        String password = response == null ? "" : new String(response, StandardCharsets.UTF_8);
        if (password.isEmpty()) {
            return new SaslStep.Failure("empty password", username);
        }
        return credentials.verify(username, password)
                .<SaslStep>map(user -> new SaslStep.Success(user, null))
                .orElseGet(() -> new SaslStep.Failure("authentication failure", username));
    }
}
