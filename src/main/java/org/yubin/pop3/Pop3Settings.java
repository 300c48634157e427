package org.yubin.pop3;

import java.time.Duration;

import org.yubin.config.YubinProperties;
import org.yubin.listener.ConnectionLimitHandler;

/**
 * What one POP3 listener needs to know, fixed when the listener is created. POP3 and POP3S
 * share the {@code yubin.pop3.*} limits.
 *
 * @param listener               name in the logs: {@code pop3} or {@code pop3s}
 * @param hostname               in the APOP timestamp of the greeting
 * @param maxLineLength          longest command line, line end included
 * @param maxErrors              bad commands before {@code -ERR} and close
 * @param idleTimeout            silence allowed between commands (RFC 1939 3: at least 10 minutes)
 * @param workerThreads          threads running sessions (directory and Maildir calls block)
 * @param loginDisabledBeforeTls refuse USER/PASS, APOP and plaintext SASL before TLS (RFC 2595 2.3)
 * @param maxConnections         open connections per listener; beyond it {@code -ERR [SYS/TEMP]}
 */
public record Pop3Settings(String listener, String hostname, int maxLineLength, int maxErrors, Duration idleTimeout,
                           int workerThreads, boolean loginDisabledBeforeTls,
                           int maxConnections) {

    /** Bad commands a session may send before it is closed (Dovecot closes after 20). */
    public static final int MAX_ERRORS = 20;

    /** The settings of listener {@code listener} from {@code yubin.pop3.*}. */
    public static Pop3Settings from(String listener, YubinProperties properties) {
        YubinProperties.Access pop3 = properties.getPop3();
        return new Pop3Settings(listener, properties.effectiveHostname(), pop3.getMaxLineLength(), MAX_ERRORS,
                pop3.getIdleTimeout(), pop3.effectiveWorkerThreads(), pop3.isLoginDisabledBeforeTls(),
                ConnectionLimitHandler.DEFAULT_MAX_PER_LISTENER);
    }
}
