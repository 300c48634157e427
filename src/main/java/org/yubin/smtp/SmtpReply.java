package org.yubin.smtp;

import java.util.List;
import java.util.Objects;

/**
 * One SMTP reply (RFC 5321 4.2): a three-digit code, an optional enhanced status code
 * (RFC 3463, e.g. {@code 5.1.1}) and one or more text lines. Immutable; the common
 * replies are constants so that commands answer without building strings.
 */
public record SmtpReply(int code, String enhancedCode, List<String> lines) {

    public static final SmtpReply OK = new SmtpReply(250, "2.0.0", "Ok");
    public static final SmtpReply BYE = new SmtpReply(221, "2.0.0", "Bye");
    public static final SmtpReply BAD_SYNTAX = new SmtpReply(500, "5.5.2", "Error: bad syntax");
    public static final SmtpReply LINE_TOO_LONG = new SmtpReply(500, "5.5.2", "Error: line too long");
    public static final SmtpReply UNKNOWN_COMMAND = new SmtpReply(500, "5.5.1", "Error: command not recognized");
    public static final SmtpReply MESSAGE_TOO_BIG = new SmtpReply(552, "5.3.4", "Message size exceeds fixed limit");
    public static final SmtpReply TOO_MANY_RECIPIENTS = new SmtpReply(452, "4.5.3", "Error: too many recipients");
    public static final SmtpReply TOO_MANY_CONNECTIONS =
            new SmtpReply(421, "4.7.0", "Too many connections from your address");
    public static final SmtpReply QUEUE_WRITE_ERROR = new SmtpReply(451, "4.3.0", "Error: queue file write error");

    public SmtpReply {
        if (code < 200 || code > 599) {
            throw new IllegalArgumentException("SMTP reply code out of range: " + code);
        }
        Objects.requireNonNull(lines, "lines");
        if (lines.isEmpty()) {
            throw new IllegalArgumentException("an SMTP reply needs at least one line");
        }
        lines = List.copyOf(lines);
    }

    /** A one-line reply; {@code enhancedCode} may be {@code null} (greeting, EHLO). */
    public SmtpReply(int code, String enhancedCode, String text) {
        this(code, enhancedCode, List.of(text));
    }

    /** 2xx or 3xx. */
    public boolean isPositive() {
        return code < 400;
    }

    /** The reply as it goes on the wire, every line ending in CRLF. */
    public String toWireString() {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < lines.size(); i++) {
            out.append(code).append(i == lines.size() - 1 ? ' ' : '-');
            if (enhancedCode != null) {
                out.append(enhancedCode).append(' ');
            }
            out.append(lines.get(i)).append("\r\n");
        }
        return out.toString();
    }

    /** The reply as one log fragment: {@code 550 5.1.1 <a@b>: ...}. */
    @Override
    public String toString() {
        return code + (enhancedCode == null ? "" : " " + enhancedCode) + " " + String.join(" ", lines);
    }
}
