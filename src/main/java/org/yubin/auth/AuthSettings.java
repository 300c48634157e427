package org.yubin.auth;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.yubin.config.YubinProperties;

/**
 * The {@code yubin.auth.*} settings, checked.
 *
 * @param mechanisms           offered, in this order
 * @param cacheTtl             how long a right password is remembered
 * @param negativeCacheTtl     how long a wrong password is remembered
 * @param failureDelay         wait before answering a failed attempt
 * @param maxFailuresPerMinute failures of one client address in a minute before it is refused outright
 */
public record AuthSettings(List<SaslMechanism> mechanisms, Duration cacheTtl, Duration negativeCacheTtl,
                           Duration failureDelay, int maxFailuresPerMinute) {

    public AuthSettings {
        mechanisms = List.copyOf(mechanisms);
        if (maxFailuresPerMinute < 1) {
            throw new IllegalArgumentException("yubin.auth.max-failures-per-minute must be at least 1");
        }
        if (failureDelay.isNegative() || cacheTtl.isNegative() || negativeCacheTtl.isNegative()) {
            throw new IllegalArgumentException("yubin.auth durations must not be negative");
        }
    }

    /**
     * From the properties.
     *
     * @throws IllegalArgumentException for an unknown mechanism name or a bad limit
     */
    public static AuthSettings from(YubinProperties.Auth auth) {
        return new AuthSettings(parseMechanisms(auth.getMechanisms()), auth.getCacheTtl(),
                auth.getCacheNegativeTtl(), auth.getFailureDelay(), auth.getMaxFailuresPerMinute());
    }

    /** {@code "PLAIN LOGIN"} or {@code "PLAIN,LOGIN"}; unknown names are an error, duplicates count once. */
    static List<SaslMechanism> parseMechanisms(String names) {
        List<SaslMechanism> mechanisms = new ArrayList<>();
        for (String name : (names == null ? "" : names).strip().split("[\\s,]+")) {
            if (name.isEmpty()) {
                continue;
            }
            SaslMechanism mechanism = SaslMechanism.byName(name).orElseThrow(() -> new IllegalArgumentException(
                    "yubin.auth.mechanisms: unknown mechanism " + name + " (known: PLAIN LOGIN CRAM-MD5 SCRAM-SHA-1 SCRAM-SHA-256)"));
            if (!mechanisms.contains(mechanism)) {
                mechanisms.add(mechanism);
            }
        }
        return mechanisms;
    }
}
