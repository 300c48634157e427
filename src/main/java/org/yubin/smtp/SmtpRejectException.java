package org.yubin.smtp;

import java.util.Objects;

/**
 * Thrown by any step of the inbound route (virus scan, policy, ...) to refuse the
 * message in the SMTP session with a reply of its choice, e.g.
 * {@code new SmtpRejectException(new SmtpReply(554, "5.7.1", "Virus found: Eicar"))}.
 * The session sends {@link #reply()} as the answer to the end of DATA / BDAT LAST,
 * also when Camel wraps this exception in another one. No stack trace is logged for it.
 */
public class SmtpRejectException extends RuntimeException {

    private final SmtpReply reply;

    public SmtpRejectException(SmtpReply reply) {
        super(Objects.requireNonNull(reply, "reply").toString(), null, false, false);
        this.reply = reply;
    }

    public SmtpReply reply() {
        return reply;
    }

    /** The reject exception in {@code failure} or its causes, or {@code null}. */
    public static SmtpRejectException find(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SmtpRejectException reject) {
                return reject;
            }
        }
        return null;
    }
}
