package org.yubin.filter.dkim;

import java.io.ByteArrayOutputStream;
import java.util.Locale;

/**
 * The two DKIM canonicalization algorithms (RFC 6376 section 3.4), for header fields and
 * for the body. Text is handled as ISO-8859-1 strings, one char per byte, so 8-bit bytes
 * pass through unchanged. Stateless.
 */
public enum Canonicalization {
    SIMPLE, RELAXED;

    /** Parses {@code simple} or {@code relaxed}; anything else is {@link IllegalArgumentException}. */
    public static Canonicalization parse(String text) {
        return switch (text.strip().toLowerCase(Locale.ROOT)) {
            case "simple" -> SIMPLE;
            case "relaxed" -> RELAXED;
            default -> throw new IllegalArgumentException("unknown canonicalization '" + text + "'");
        };
    }

    /**
     * One header field, given whole as it appears in the message ({@code Name: value}, folded
     * lines included, without the final CRLF); the result ends with CRLF.
     */
    public String header(String field) {
        if (this == SIMPLE) {
            return field + "\r\n";
        }
        int colon = field.indexOf(':');
        String name = field.substring(0, colon).strip().toLowerCase(Locale.ROOT);
        String value = field.substring(colon + 1).replace("\r\n", "").replace("\n", "");
        return name + ":" + compressWhitespace(value).strip() + "\r\n";
    }

    /** The canonical form of a body (CRLF lines, everything after the blank line). */
    public byte[] body(byte[] message, int start) {
        String body = new String(message, start, message.length - start, java.nio.charset.StandardCharsets.ISO_8859_1);
        StringBuilder out = new StringBuilder(body.length() + 2);
        int pos = 0;
        while (pos < body.length()) {
            int end = body.indexOf("\r\n", pos);
            String line = end < 0 ? body.substring(pos) : body.substring(pos, end);
            if (this == RELAXED) {
                line = stripTrailing(compressWhitespace(line));
            }
            out.append(line).append("\r\n");
            pos = end < 0 ? body.length() : end + 2;
        }
        // trailing empty lines are ignored (both algorithms)
        int length = out.length();
        while (length >= 4 && out.charAt(length - 3) == '\n' && out.charAt(length - 4) == '\r'
                && out.charAt(length - 2) == '\r' && out.charAt(length - 1) == '\n') {
            length -= 2;
        }
        if (length == 2 && out.charAt(0) == '\r') {
            length = 0;
        }
        out.setLength(length);
        if (length == 0 && this == SIMPLE) {
            out.append("\r\n");
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(out.length());
        for (int i = 0; i < out.length(); i++) {
            bytes.write(out.charAt(i));
        }
        return bytes.toByteArray();
    }

    /** Runs of spaces and tabs become one space. */
    private static String compressWhitespace(String text) {
        StringBuilder out = new StringBuilder(text.length());
        boolean inSpace = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == ' ' || c == '\t') {
                if (!inSpace) {
                    out.append(' ');
                }
                inSpace = true;
            } else {
                out.append(c);
                inSpace = false;
            }
        }
        return out.toString();
    }

    private static String stripTrailing(String line) {
        int end = line.length();
        while (end > 0 && line.charAt(end - 1) == ' ') {
            end--;
        }
        return line.substring(0, end);
    }

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
