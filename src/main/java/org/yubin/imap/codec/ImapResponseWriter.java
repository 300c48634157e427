package org.yubin.imap.codec;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;

/**
 * Builds the bytes of IMAP responses with the string forms of RFC 3501 section 4.3:
 * {@link #string} picks a quoted string when it can and a literal when it must (CR, LF,
 * NUL, 8-bit bytes, long or quote-heavy text), {@link #nstring} writes {@code NIL} for
 * null. A {@link #sharedLiteral} (a message body) is not copied: {@link #toByteBuf} wraps it
 * between the text around it. Not thread-safe; one per response.
 */
public final class ImapResponseWriter {

    /** Longer strings go as literals: clients handle them well and nothing needs escaping. */
    private static final int MAX_QUOTED = 1024;

    /** Literals shorter than this are copied: a separate buffer would cost more than the copy. */
    private static final int MIN_SHARED_LITERAL = 512;

    /**
     * A plain heap buffer, not a ByteArrayOutputStream: a FETCH of many messages writes
     * thousands of small pieces, each of which would take that stream's lock.
     */
    private ByteBuf out;
    /** The text before each shared literal, and the literals, in order; {@code out} follows them. */
    private List<ByteBuf> segments;
    private int segmentBytes;

    public ImapResponseWriter() {
        this(256);
    }

    public ImapResponseWriter(int initialCapacity) {
        this.out = Unpooled.buffer(initialCapacity);
    }

    /** Raw protocol text: atoms, numbers, spaces, parentheses. */
    public ImapResponseWriter raw(String text) {
        out.writeCharSequence(text, StandardCharsets.US_ASCII);
        return this;
    }

    public ImapResponseWriter raw(char c) {
        out.writeByte(c);
        return this;
    }

    public ImapResponseWriter number(long value) {
        return raw(Long.toString(value));
    }

    public ImapResponseWriter space() {
        out.writeByte(' ');
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
            out.writeByte('"');
            for (byte b : value) {
                if (b == '"' || b == '\\') {
                    out.writeByte('\\');
                }
                out.writeByte(b);
            }
            out.writeByte('"');
        } else {
            literal(value, 0, value.length);
        }
        return this;
    }

    /** A literal {@code {n}CRLF<bytes>}, always (message bodies and sections). */
    public ImapResponseWriter literal(byte[] value, int offset, int length) {
        raw("{" + length + "}\r\n");
        out.writeBytes(value, offset, length);
        return this;
    }

    /**
     * A literal like {@link #literal}, its bytes not copied but wrapped: they must not change
     * afterwards.
     */
    public ImapResponseWriter sharedLiteral(byte[] value, int offset, int length) {
        if (length < MIN_SHARED_LITERAL) {
            return literal(value, offset, length);
        }
        raw("{" + length + "}\r\n");
        if (segments == null) {
            segments = new ArrayList<>(4);
        }
        segmentBytes += out.readableBytes() + length;
        segments.add(out);
        segments.add(Unpooled.wrappedBuffer(value, offset, length));
        out = Unpooled.buffer(64);
        return this;
    }

    public ImapResponseWriter crlf() {
        out.writeByte('\r');
        out.writeByte('\n');
        return this;
    }

    public int size() {
        return segmentBytes + out.readableBytes();
    }

    public byte[] toByteArray() {
        if (segments == null) {
            return ByteBufUtil.getBytes(out);
        }
        ByteBuf all = toByteBuf();
        byte[] bytes = new byte[all.readableBytes()];
        all.readBytes(bytes);
        all.release();
        return bytes;
    }

    /**
     * The response as one buffer over the written text and the shared literals, copying
     * none of them again; the last call on this writer.
     */
    public ByteBuf toByteBuf() {
        if (segments == null) {
            return out;
        }
        segments.add(out);
        return Unpooled.wrappedBuffer(segments.size(), segments.toArray(new ByteBuf[0]));
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
