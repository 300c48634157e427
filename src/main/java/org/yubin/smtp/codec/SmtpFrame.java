package org.yubin.smtp.codec;

/**
 * What {@link SmtpFrameDecoder} reads off the wire. Frames own no {@code ByteBuf}s, so a
 * handler that drops one leaks nothing.
 */
public sealed interface SmtpFrame {

    /**
     * One command line without its line ending, decoded as UTF-8 (RFC 6531).
     * {@code bareLf} is set when the line ended in LF without CR.
     */
    record CommandLine(String line, boolean bareLf) implements SmtpFrame { }

    /** A command line longer than the limit; its bytes up to the next LF are discarded. */
    record LineTooLong() implements SmtpFrame { }

    /**
     * DATA content up to {@code <CRLF>.<CRLF>}, dot-stuffing undone, CRLF line endings.
     *
     * @param content     the bytes, or {@code null} when {@code size} went over the limit
     * @param size        bytes of content received (after dot-unstuffing)
     * @param bareNewline {@code "<LF>"} or {@code "<CR>"} when a bare line break was seen, else {@code null}
     */
    record MessageData(byte[] content, long size, String bareNewline) implements SmtpFrame {
        public boolean oversize() {
            return content == null;
        }
    }

    /** One BDAT chunk (RFC 3030), raw; {@code content} is {@code null} when it was discarded. */
    record Chunk(byte[] content, long size) implements SmtpFrame { }
}
