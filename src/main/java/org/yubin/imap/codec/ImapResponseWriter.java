package org.yubin.imap.codec;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Builds the bytes of IMAP responses with the string forms of RFC 3501 section 4.3:
 * {@link #string} picks a quoted string when it can and a literal when it must (CR, LF,
 * NUL, 8-bit bytes, long or quote-heavy text), {@link #nstring} writes {@code NIL} for
 * null. Not thread-safe; one per response.
 */
public final class ImapResponseWriter {

    /** Longer strings go as literals: clients handle them well and nothing needs escaping. */
    private static final int MAX_QUOTED = 1024;

    private final ByteArrayOutputStream out;

    public ImapResponseWriter() {
        this(256);
    }

    public ImapResponseWriter(int initialCapacity) {
        this.out = new ByteArrayOutputStream(initialCapacity);
    }

    /** Raw protocol text: atoms, numbers, spaces, parentheses. */
    public ImapResponseWriter raw(String text) {
        out.writeBytes(text.getBytes(StandardCharsets.US_ASCII));
        return this;
    }

    public ImapResponseWriter raw(char c) {
        out.write(c);
        return this;
    }

    public ImapResponseWriter number(long value) {
        return raw(Long.toString(value));
    }

    public ImapResponseWriter space() {
        out.write(' ');
        return this;
    }

    /** A string in UTF-8 as quoted string or literal. */
    public ImapResponseWriter string(String value) {
        return string(value.getBytes(StandardCharsets.UTF_8));
    }

    /** {@code NIL} for null, else {@link #string(String)}. */
    public ImapResponseWriter nstring(String value) {
        return value == null ? raw("NIL") : string(value);
    }

    public ImapResponseWriter string(byte[] value) {
        if (quotable(value)) {
            out.write('"');
            for (byte b : value) {
                if (b == '"' || b == '\\') {
                    out.write('\\');
                }
                out.write(b);
            }
            out.write('"');
        } else {
            literal(value, 0, value.length);
        }
        return this;
    }

    /** A literal {@code {n}CRLF<bytes>}, always (message bodies and sections). */
    public ImapResponseWriter literal(byte[] value, int offset, int length) {
        raw("{" + length + "}\r\n");
        out.write(value, offset, length);
        return this;
    }

    public ImapResponseWriter crlf() {
        out.write('\r');
        out.write('\n');
        return this;
    }

    public int size() {
        return out.size();
    }

    public byte[] toByteArray() {
        return out.toByteArray();
    }

    private static boolean quotable(byte[] value) {
        if (value.length > MAX_QUOTED) {
            return false;
        }
        for (byte b : value) {
            if (b == 0 || b == '\r' || b == '\n' || b < 0) {
                return false;
            }
        }
        return true;
    }
}
