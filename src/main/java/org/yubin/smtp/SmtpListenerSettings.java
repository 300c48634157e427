package org.yubin.smtp;

import java.time.Duration;

import org.yubin.config.YubinProperties;

/**
 * What one SMTP listener needs to know, fixed when the listener is created.
 *
 * @param listener                name recorded in {@code YubinListener} and the logs: {@code mx}, later {@code submission}, {@code smtps}
 * @param hostname                banner, Received and 421 replies
 * @param maxLineLength           longest command line, CRLF included
 * @param messageSizeLimit        bytes; SIZE in EHLO
 * @param maxRecipients           RCPT accepted per transaction
 * @param maxErrors               error replies before 421 and close
 * @param maxConnectionsPerClient concurrent connections per client IP
 * @param idleTimeout             silence allowed between commands and inside DATA
 * @param mynetworks              clients that may relay
 */
public record SmtpListenerSettings(
        String listener,
        String hostname,
        int maxLineLength,
        long messageSizeLimit,
        int maxRecipients,
        int maxErrors,
        int maxConnectionsPerClient,
        Duration idleTimeout,
        ClientNetworks mynetworks) {

    /** The settings of listener {@code listener} from the {@code yubin.*} properties. */
    public static SmtpListenerSettings from(String listener, YubinProperties properties) {
        YubinProperties.Smtp smtp = properties.getSmtp();
        return new SmtpListenerSettings(listener, properties.effectiveHostname(), smtp.getMaxLineLength(),
                properties.getMessageSizeLimit(), smtp.getMaxRecipients(), smtp.getMaxErrors(),
                smtp.getMaxConnectionsPerClient(), smtp.getIdleTimeout(),
                ClientNetworks.parse(properties.getMynetworks()));
    }
}
