package org.yubin.delivery;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * A delivery status notification (RFC 3464) for one recipient of one message: a
 * {@code multipart/report; report-type=delivery-status} with a text part for people, the
 * {@code message/delivery-status} part for programs, and the headers of the original
 * message ({@code text/rfc822-headers}, at most {@value #MAX_ORIGINAL_HEADERS} bytes).
 * From {@code MAILER-DAEMON@<hostname>}; it must be sent with the null reverse path.
 * Text that came from outside (reasons, replies, addresses) is reduced to printable ASCII.
 */
public final class DsnMessage {

    /** Final failure, or a warning that delivery is still being tried (RFC 3464 2.3.3). */
    public enum Action { FAILED, DELAYED }

    /**
     * What happened to the recipient.
     *
     * @param remoteMta  host name of the server that answered, or null
     * @param smtpReply  its reply, or null (the diagnostic is then {@code x-yubin; <reason>})
     * @param retryUntil for {@link Action#DELAYED}: when yubin gives up (epoch ms), else 0
     */
    public record Report(Action action, String recipient, String originalRecipient, String status, String reason,
                         String remoteMta, String smtpReply, long retryUntil) { }

    static final int MAX_ORIGINAL_HEADERS = 64 * 1024;
    private static final DateTimeFormatter DATE = DateTimeFormatter.RFC_1123_DATE_TIME.withZone(ZoneId.systemDefault());

    private DsnMessage() {
    }

    /**
     * @param hostname   this server ({@code Reporting-MTA}, {@code From})
     * @param dsnId      queue id of the DSN itself (boundary, Message-ID)
     * @param queueId    queue id of the original message
     * @param sender     the original envelope sender, who receives the DSN
     * @param arrival    when the original arrived (epoch ms)
     * @param original   the original message (CRLF line ends); only its header section is used
     */
    public static byte[] build(String hostname, String dsnId, String queueId, String sender, long arrival,
                               Report report, byte[] original, long now) {
        return build(hostname, dsnId, queueId, sender, arrival, List.of(report), original, now);
    }

    /**
     * One DSN about several recipients of the same message (a message refused before it was
     * split): one line each in the text part, one per-recipient block each (RFC 3464 2.3).
     * All reports must have the same {@link Action}; the first decides the wording.
     */
    public static byte[] build(String hostname, String dsnId, String queueId, String sender, long arrival,
                               List<Report> reports, byte[] original, long now) {
        Report report = reports.get(0);
        boolean failed = report.action() == Action.FAILED;
        String boundary = dsnId + "/" + hostname;
        StringBuilder head = new StringBuilder(2048);
        head.append("From: Mail Delivery System <MAILER-DAEMON@").append(hostname).append(">\r\n")
                .append("To: <").append(ascii(sender)).append(">\r\n")
                .append("Subject: ").append(failed ? "Undelivered Mail Returned to Sender" : "Delayed Mail (still being retried)").append("\r\n")
                .append("Date: ").append(DATE.format(Instant.ofEpochMilli(now))).append("\r\n")
                .append("Message-ID: <").append(dsnId).append('@').append(hostname).append(">\r\n")
                .append("Auto-Submitted: auto-replied\r\n")
                .append("MIME-Version: 1.0\r\n")
                .append("Content-Type: multipart/report; report-type=delivery-status;\r\n\tboundary=\"").append(boundary).append("\"\r\n")
                .append("\r\nThis is a MIME-encapsulated message.\r\n\r\n");

        head.append("--").append(boundary).append("\r\n")
                .append("Content-Description: Notification\r\nContent-Type: text/plain; charset=us-ascii\r\n\r\n")
                .append("This is the mail system at host ").append(hostname).append(".\r\n\r\n");
        if (failed) {
            head.append("I'm sorry to have to inform you that your message could not\r\n")
                    .append("be delivered to one or more recipients. It's attached below.\r\n\r\n");
        } else {
            head.append("####################################################################\r\n")
                    .append("# THIS IS A WARNING ONLY.  YOU DO NOT NEED TO RESEND YOUR MESSAGE. #\r\n")
                    .append("####################################################################\r\n\r\n")
                    .append("Your message could not be delivered for ").append(hours(now - arrival))
                    .append(".\r\nIt will be retried until it is ").append(hours(report.retryUntil() - arrival))
                    .append(" old.\r\n\r\n");
        }
        for (Report each : reports) {
            head.append('<').append(ascii(each.recipient())).append(">: ").append(ascii(each.reason())).append("\r\n");
        }
        head.append("\r\n");

        head.append("--").append(boundary).append("\r\n")
                .append("Content-Description: Delivery report\r\nContent-Type: message/delivery-status\r\n\r\n")
                .append("Reporting-MTA: dns; ").append(hostname).append("\r\n")
                .append("X-Yubin-Queue-ID: ").append(queueId).append("\r\n")
                .append("X-Yubin-Sender: rfc822; ").append(ascii(sender)).append("\r\n")
                .append("Arrival-Date: ").append(DATE.format(Instant.ofEpochMilli(arrival))).append("\r\n");
        for (Report each : reports) {
            appendRecipientBlock(head, each);
        }
        head.append("\r\n--").append(boundary).append("\r\n")
                .append("Content-Description: ").append(failed ? "Undelivered" : "Delayed").append(" Message Headers\r\n")
                .append("Content-Type: text/rfc822-headers\r\n\r\n");

        ByteArrayOutputStream out = new ByteArrayOutputStream(head.length() + 4096);
        out.writeBytes(head.toString().getBytes(StandardCharsets.US_ASCII));
        out.write(original, 0, headerSectionLength(original));
        out.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII));
        return out.toByteArray();
    }

    /** A blank line, then the per-recipient fields of one report. */
    private static void appendRecipientBlock(StringBuilder head, Report r) {
        head.append("\r\nFinal-Recipient: rfc822; ").append(ascii(r.recipient())).append("\r\n");
        if (r.originalRecipient() != null && !r.originalRecipient().isEmpty()) {
            head.append("Original-Recipient: rfc822; ").append(ascii(r.originalRecipient())).append("\r\n");
        }
        head.append("Action: ").append(r.action() == Action.FAILED ? "failed" : "delayed").append("\r\n")
                .append("Status: ").append(r.status()).append("\r\n");
        if (r.remoteMta() != null) {
            head.append("Remote-MTA: dns; ").append(ascii(r.remoteMta())).append("\r\n");
        }
        head.append("Diagnostic-Code: ")
                .append(r.smtpReply() != null ? "smtp; " + ascii(r.smtpReply()) : "x-yubin; " + ascii(r.reason()))
                .append("\r\n");
        if (r.action() == Action.DELAYED && r.retryUntil() > 0) {
            head.append("Will-Retry-Until: ").append(DATE.format(Instant.ofEpochMilli(r.retryUntil()))).append("\r\n");
        }
    }

    /** Bytes up to and including the last header line (before the empty line), capped at whole lines. */
    static int headerSectionLength(byte[] message) {
        int lineStart = 0;
        int end = 0;
        while (lineStart < message.length) {
            int lf = lineStart;
            while (lf < message.length && message[lf] != '\n') {
                lf++;
            }
            int contentEnd = lf > lineStart && message[lf - 1] == '\r' ? lf - 1 : lf;
            if (contentEnd == lineStart) {
                break;
            }
            int next = Math.min(lf + 1, message.length);
            if (next > MAX_ORIGINAL_HEADERS) {
                break;
            }
            end = next;
            lineStart = next;
        }
        return end;
    }

    private static String hours(long millis) {
        long hours = Math.max(0, millis) / 3_600_000L;
        if (hours >= 1) {
            return hours + (hours == 1 ? " hour" : " hours");
        }
        long minutes = Math.max(0, millis) / 60_000L;
        return minutes + (minutes == 1 ? " minute" : " minutes");
    }

    static String ascii(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length() && out.length() < 2000; i++) {
            char c = text.charAt(i);
            out.append(c >= 0x20 && c < 0x7f ? c : '?');
        }
        return out.toString();
    }
}
