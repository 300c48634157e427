package org.yubin.queue;

/**
 * Camel header (and JMS property) names that carry the SMTP envelope along the routes.
 * They are valid JMS identifiers, so they survive the broker unchanged.
 */
public final class EnvelopeHeaders {

    /** Queue id shown in {@code 250 2.0.0 Ok: queued as <id>} and in every log line. */
    public static final String QUEUE_ID = "YubinQueueId";
    /** Reverse path without angle brackets; empty for the null sender. */
    public static final String MAIL_FROM = "YubinMailFrom";
    /** All accepted recipients, one per line, as given in RCPT TO. */
    public static final String RECIPIENTS = "YubinRecipients";
    /** The single recipient of a per-recipient delivery message. */
    public static final String RECIPIENT = "YubinRecipient";
    /** The address the sender wrote, before alias expansion (for logs and DSNs). */
    public static final String ORIGINAL_RECIPIENT = "YubinOriginalRecipient";
    /** Client IP address. */
    public static final String CLIENT_ADDRESS = "YubinClientAddress";
    /** HELO/EHLO name the client gave. */
    public static final String HELO = "YubinHelo";
    /** Epoch milliseconds when the message was accepted. */
    public static final String ARRIVAL_TIME = "YubinArrivalTime";
    /** Which listener took the message: {@code mx}, {@code submission}, {@code smtps}, {@code local}. */
    public static final String LISTENER = "YubinListener";
    /** The login of the SMTP AUTH user who submitted the message; absent for unauthenticated mail (DKIM signs by it). */
    public static final String AUTH_USER = "YubinAuthUser";

    /** Local submission ({@code ops/sendmail}): the submitting user's numeric uid (or name). */
    public static final String LOCAL_USER = "YubinLocalUser";

    private EnvelopeHeaders() {
    }

    /** The value of {@link #ARRIVAL_TIME} (a number, or its text after JMS) in epoch millis; null when missing or malformed. */
    public static Long arrivalMillis(Object headerValue) {
        if (headerValue instanceof Number number) {
            return number.longValue();
        }
        if (headerValue instanceof String text) {
            try {
                return Long.parseLong(text.trim());
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return null;
    }
}
