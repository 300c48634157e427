package org.yubin.imap;

import java.time.Duration;

import org.yubin.config.YubinProperties;
import org.yubin.listener.ConnectionLimitHandler;
import org.yubin.tls.ListenerTls;

/**
 * What an IMAP listener is configured with: the {@code yubin.imap} limits (shared by
 * the IMAPS listener), the message size limit for APPEND, and TLS.
 *
 * @param listener               name in logs and thread names ({@code imap}, {@code imaps})
 * @param hostname               in the greeting and BYE
 * @param maxLineLength          command text limit in bytes, literals not counted
 * @param messageSizeLimit       largest APPEND literal
 * @param maxSessionsPerUser     logged-in sessions per user across the IMAP listeners
 * @param idleTimeout            autologout after this much silence
 * @param loginDisabledBeforeTls LOGINDISABLED and no plaintext AUTHENTICATE before TLS
 * @param maxConnections         open connections per listener; beyond it {@code * BYE}
 * @param tls                    STARTTLS (IMAP), implicit (IMAPS) or none (tests)
 */
public record ImapSettings(String listener, String hostname, int maxLineLength, long messageSizeLimit,
                           int maxSessionsPerUser, Duration idleTimeout, boolean loginDisabledBeforeTls,
                           int maxConnections, ListenerTls tls) {

    public static ImapSettings from(String listener, YubinProperties properties, ListenerTls tls) {
        YubinProperties.Access imap = properties.getImap();
        return new ImapSettings(listener, properties.effectiveHostname(), imap.getMaxLineLength(),
                properties.getMessageSizeLimit(), imap.getMaxSessionsPerUser(), imap.getIdleTimeout(),
                imap.isLoginDisabledBeforeTls(), ConnectionLimitHandler.DEFAULT_MAX_PER_LISTENER, tls);
    }

    /** Whether STARTTLS can be offered on this listener. */
    public boolean offersStartTls() {
        return tls.offersStartTls();
    }

    /** Whether TLS starts with the first byte (IMAPS). */
    public boolean implicitTls() {
        return tls.isImplicit();
    }
}
