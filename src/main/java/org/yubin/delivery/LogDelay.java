package org.yubin.delivery;

/**
 * The {@code delay=} of the delivery log lines: seconds since arrival with two decimals,
 * as Postfix writes it. Built by hand: {@code String.format} cost more than the rest of
 * the log line.
 */
public final class LogDelay {

    private LogDelay() {
    }

    /** Seconds from {@code arrivalMillis} to now, {@code 0.00} for an arrival in the future. */
    public static String since(long arrivalMillis) {
        return seconds(Math.max(0, System.currentTimeMillis() - arrivalMillis));
    }

    /** {@code millis} as seconds, rounded half up to hundredths. */
    static String seconds(long millis) {
        long hundredths = (millis + 5) / 10;
        long fraction = hundredths % 100;
        return (hundredths / 100) + (fraction < 10 ? ".0" : ".") + fraction;
    }
}
