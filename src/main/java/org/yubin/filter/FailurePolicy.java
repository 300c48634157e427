package org.yubin.filter;

import java.util.Locale;

import org.yubin.smtp.SmtpRejectException;
import org.yubin.smtp.SmtpReply;

/**
 * What a filter does with a message when its daemon is down, too slow or answers
 * nonsense (milter-manager's {@code fallback_status}, Postfix's {@code milter_default_action}).
 */
public enum FailurePolicy {
    /** Deliver without the filter's verdict. */
    ACCEPT,
    /** {@code 451 4.7.1}: the client keeps the message and retries later. */
    TEMPFAIL,
    /** {@code 554 5.7.1}: the client bounces the message. */
    REJECT;

    /** Parses {@code accept}, {@code tempfail} or {@code reject}; anything else fails naming {@code setting}. */
    public static FailurePolicy parse(String setting, String value) {
        try {
            return valueOf(value.strip().toUpperCase(Locale.ROOT));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(setting + ": expected accept, tempfail or reject, got '" + value + "'");
        }
    }

    /** The refusal for this policy, {@code null} for {@link #ACCEPT}; the detail stays in the log. */
    SmtpRejectException refusal() {
        return switch (this) {
            case ACCEPT -> null;
            case TEMPFAIL -> new SmtpRejectException(
                    new SmtpReply(451, "4.7.1", "Content check temporarily unavailable, try again later"));
            case REJECT -> new SmtpRejectException(new SmtpReply(554, "5.7.1", "Content check failed"));
        };
    }

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
