package org.yubin.smtp;

import static org.yubin.log.LogText.printable;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

import org.yubin.tls.TlsSessionInfo;

/**
 * The trace header a session prepends (RFC 5321 4.4), laid out like Postfix's:
 * <pre>
 * Received: from HELO (unknown [192.0.2.1])
 * 	(using TLSv1.3 with cipher TLS_AES_256_GCM_SHA384 (256/256 bits))
 * 	by mx.example.com (yubin) with ESMTPS id 0123456789ABCDEFG
 * 	for &lt;rcpt@example.com&gt;; Tue, 3 Jun 2025 10:00:00 +0900
 * </pre>
 * The {@code using} line appears only for a session in TLS. The {@code for} clause appears only with a single recipient, so Bcc recipients are not
 * disclosed. Client-supplied text is stripped of control characters.
 */
public final class ReceivedHeader {

    private static final DateTimeFormatter DATE =
            DateTimeFormatter.ofPattern("EEE, d MMM yyyy HH:mm:ss Z", Locale.ROOT);

    private ReceivedHeader() {
    }

    /**
     * @param protocol  {@code SMTP}, {@code ESMTP}, {@code ESMTPS}, {@code UTF8SMTP}... (RFC 3848 / 6531)
     * @param tls       the session's TLS, or {@code null}
     * @param recipient the sole recipient, or {@code null}
     */
    public static String format(String helo, InetAddress client, String hostname, String protocol,
                                TlsSessionInfo tls, String queueId, String recipient, ZonedDateTime date) {
        StringBuilder out = new StringBuilder("Received: from ").append(printable(helo))
                .append(" (unknown [").append(addressLiteral(client)).append("])\r\n");
        if (tls != null) {
            out.append("\t(using ").append(tls).append(")\r\n");
        }
        out.append("\tby ").append(hostname).append(" (yubin) with ").append(protocol)
                .append(" id ").append(queueId);
        if (recipient != null) {
            out.append("\r\n\tfor <").append(printable(recipient)).append(">; ");
        } else {
            out.append(";\r\n\t");
        }
        return out.append(DATE.format(date)).append("\r\n").toString();
    }

    /** {@code 192.0.2.1} or {@code IPv6:2001:db8::1} (RFC 5321 4.1.3). */
    static String addressLiteral(InetAddress client) {
        if (client == null) {
            return "unknown";
        }
        String text = client.getHostAddress();
        int scope = text.indexOf('%');
        if (scope >= 0) {
            text = text.substring(0, scope);
        }
        return client instanceof Inet6Address ? "IPv6:" + text : text;
    }
}
