package org.yubin.smtp;

import java.util.Base64;

/** The replies of SMTP AUTH (RFC 4954 4, 6) and the base64 of its challenges and responses. */
final class SmtpAuthReplies {

    static final SmtpReply SUCCESS = new SmtpReply(235, "2.7.0", "Authentication successful");
    static final SmtpReply NOT_ENABLED = new SmtpReply(503, "5.5.1", "Error: authentication not enabled");
    static final SmtpReply STARTTLS_FIRST = new SmtpReply(530, "5.7.0", "Must issue a STARTTLS command first");
    static final SmtpReply ALREADY_AUTHENTICATED = new SmtpReply(503, "5.5.1", "Error: already authenticated");
    static final SmtpReply UNSUPPORTED_MECHANISM =
            new SmtpReply(504, "5.5.4", "Unsupported authentication mechanism");
    static final SmtpReply CANNOT_DECODE = new SmtpReply(501, "5.5.2", "Error: invalid base64 data");
    static final SmtpReply ABORTED = new SmtpReply(501, "5.7.0", "Authentication aborted");
    static final SmtpReply TOO_MANY_FAILURES = new SmtpReply(454, "4.7.0", "Too many authentication failures");
    static final SmtpReply TEMPORARY_FAILURE = new SmtpReply(454, "4.7.0", "Temporary authentication failure");

    private SmtpAuthReplies() {
    }

    static SmtpReply failed(String reason) {
        return new SmtpReply(535, "5.7.8", "Error: authentication failed: " + reason);
    }

    /** {@code 334 base64}; an empty challenge is {@code "334 "}. */
    static SmtpReply challenge(byte[] data) {
        return new SmtpReply(334, null, Base64.getEncoder().encodeToString(data));
    }

    /**
     * The bytes of a response line; {@code null} if it is not base64. {@code =} is an empty
     * initial response (RFC 4954 4); an empty line is an empty response to a challenge.
     */
    static byte[] decode(String line, boolean initial) {
        if (line.equals("=") || (!initial && line.isEmpty())) {
            return new byte[0];
        }
        if (line.isEmpty()) {
            return null;
        }
        try {
            return Base64.getDecoder().decode(line);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
