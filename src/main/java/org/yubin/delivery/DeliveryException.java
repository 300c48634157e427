package org.yubin.delivery;

/**
 * A delivery that did not happen, with the RFC 3463 enhanced status code and the
 * short reason that go into the log line and a bounce (DSN).
 */
public abstract class DeliveryException extends Exception {

    private final String enhancedStatus;

    protected DeliveryException(String enhancedStatus, String reason, Throwable cause) {
        super(reason, cause);
        this.enhancedStatus = enhancedStatus;
    }

    /** For example {@code 4.3.1} or {@code 5.1.1}. */
    public String enhancedStatus() {
        return enhancedStatus;
    }

    /** Human-readable reason, without the status code. */
    public String reason() {
        return getMessage();
    }
}
