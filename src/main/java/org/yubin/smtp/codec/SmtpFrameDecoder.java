package org.yubin.smtp.codec;

import java.nio.charset.StandardCharsets;
import java.util.List;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandlerContext;
import org.yubin.listener.Lines;
import org.yubin.listener.PausableDecoder;

/**
 * Splits the client's byte stream into {@link SmtpFrame}s. It starts in command mode; the
 * session switches it to DATA ({@link #startData}) or to a BDAT chunk ({@link #startChunk})
 * while handling the command, and it falls back to command mode by itself after the
 * frame. The session must therefore run on the same executor as this decoder, so the
 * switch happens before the next {@code decode} call. Each {@code decode} call emits at
 * most one frame.
 *
 * <table>
 * <caption>Limits</caption>
 * <tr><td>command line</td><td>{@code maxLineLength} bytes, CRLF included; longer lines give one
 *     {@link SmtpFrame.LineTooLong} and are discarded up to the next LF</td></tr>
 * <tr><td>DATA / BDAT</td><td>the limit given to {@code startData}/{@code startChunk}; past it the
 *     bytes are still read to the end but not kept</td></tr>
 * </table>
 *
 * DATA ends only at {@code <CRLF>.<CRLF>} (RFC 5321 4.1.1.4). A bare LF or CR in the
 * content never ends it or a line; it is recorded in the frame so that the session can
 * refuse the message (no SMTP smuggling). After STARTTLS it drops every byte, the ones
 * already buffered included, until the handshake is done ({@link #discardPlaintext},
 * {@link #endDiscard}): no command pipelined in plain text runs under TLS
 * (CVE-2011-0411). Not thread-safe: one instance per channel.
 */
public final class SmtpFrameDecoder extends PausableDecoder {

    private enum Mode { COMMAND, DISCARD_LINE, DATA, CHUNK, DISCARD_PLAINTEXT }

    /** Where the DATA reader stands relative to line starts and a candidate end marker. */
    private enum DataState { LINE_START, MIDDLE, CR, DOT, DOT_CR }

    private static final byte CR = '\r';
    private static final byte LF = '\n';

    private static final int INITIAL_CONTENT_CAPACITY = 64 * 1024;
    /** Where DATA content is searched for line ends: one per event loop thread, not per session. */
    static final int SCAN_WINDOW_SIZE = 16 * 1024;
    private static final ThreadLocal<byte[]> SCAN_WINDOW = ThreadLocal.withInitial(() -> new byte[SCAN_WINDOW_SIZE]);

    private final int maxLineLength;
    private ByteBufAllocator alloc = ByteBufAllocator.DEFAULT;
    private Mode mode = Mode.COMMAND;

    private DataState dataState;
    private ByteBuf content;
    private long received;
    private long limit;
    private String bareNewline;
    private long chunkRemaining;

    public SmtpFrameDecoder(int maxLineLength) {
        if (maxLineLength < 3) {
            throw new IllegalArgumentException("maxLineLength too small: " + maxLineLength);
        }
        this.maxLineLength = maxLineLength;
    }

    /**
     * Reads DATA content next, keeping at most {@code sizeLimit} bytes. The frame's content
     * starts with {@code prefix} (the session's Received field, not counted against the
     * limit), so that the message is put together in one buffer.
     */
    public void startData(long sizeLimit, byte[] prefix) {
        requireCommandMode();
        mode = Mode.DATA;
        dataState = DataState.LINE_START;
        startContent(sizeLimit, prefix.length);
        if (content != null) {
            content.writeBytes(prefix);
        }
        bareNewline = null;
    }

    /**
     * Reads a BDAT chunk of {@code size > 0} bytes next; they are kept only when
     * {@code keep} is set, else read and dropped.
     */
    public void startChunk(long size, boolean keep) {
        requireCommandMode();
        if (size <= 0) {
            throw new IllegalArgumentException("an empty chunk needs no decoding");
        }
        mode = Mode.CHUNK;
        chunkRemaining = size;
        startContent(keep ? size : -1, 0);
    }

    /**
     * Drops the input buffered so far and everything that arrives until {@link #endDiscard}:
     * called at STARTTLS, where no plain text may follow the command.
     */
    public void discardPlaintext() {
        requireCommandMode();
        mode = Mode.DISCARD_PLAINTEXT;
        dropBuffered();
    }

    /** Decodes commands again: the TLS handshake is done, the input is now decrypted. */
    public void endDiscard() {
        if (mode != Mode.DISCARD_PLAINTEXT) {
            throw new IllegalStateException("decoder not discarding, in mode " + mode);
        }
        mode = Mode.COMMAND;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) throws Exception {
        alloc = ctx.alloc();
        super.handlerAdded(ctx);
    }

    @Override
    protected void handlerRemoved0(ChannelHandlerContext ctx) {
        releaseContent();
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (isPaused()) {
            return;
        }
        switch (mode) {
            case COMMAND -> decodeLine(in, out);
            case DISCARD_LINE -> discardLine(in);
            case DATA -> decodeData(in, out);
            case CHUNK -> decodeChunk(in, out);
            case DISCARD_PLAINTEXT -> in.skipBytes(in.readableBytes());
        }
    }

    private void decodeLine(ByteBuf in, List<Object> out) {
        int searchLength = Math.min(in.readableBytes(), maxLineLength);
        int lf = in.indexOf(in.readerIndex(), in.readerIndex() + searchLength, LF);
        if (lf < 0) {
            if (searchLength == maxLineLength) {
                in.skipBytes(searchLength);
                mode = Mode.DISCARD_LINE;
                out.add(new SmtpFrame.LineTooLong());
            }
            return;
        }
        int length = lf - in.readerIndex();
        boolean bareLf = length == 0 || in.getByte(lf - 1) != CR;
        String line = in.toString(in.readerIndex(), bareLf ? length : length - 1, StandardCharsets.UTF_8);
        in.skipBytes(length + 1);
        out.add(new SmtpFrame.CommandLine(line, bareLf));
    }

    private void discardLine(ByteBuf in) {
        if (Lines.skipLine(in)) {
            mode = Mode.COMMAND;
        }
    }

    private void decodeData(ByteBuf in, List<Object> out) {
        while (in.isReadable()) {
            byte next = in.getByte(in.readerIndex());
            switch (dataState) {
                case LINE_START -> {
                    if (next == '.') {
                        in.skipBytes(1);
                        dataState = DataState.DOT;
                    } else {
                        dataState = DataState.MIDDLE;
                    }
                }
                case DOT -> {
                    // the leading dot is dropped whatever follows (RFC 5321 4.5.2)
                    if (next == CR) {
                        in.skipBytes(1);
                        dataState = DataState.DOT_CR;
                    } else {
                        dataState = DataState.MIDDLE;
                    }
                }
                case DOT_CR -> {
                    if (next == LF) {
                        in.skipBytes(1);
                        finishData(out);
                        return;
                    }
                    bare("<CR>");
                    keep(CR);
                    dataState = DataState.MIDDLE;
                }
                case MIDDLE -> {
                    int stop = endOfOrdinaryLines(in);
                    if (stop < 0) {
                        keep(in, in.readableBytes());
                        return;
                    }
                    keep(in, stop - in.readerIndex());
                    if (in.readByte() == CR) {
                        dataState = DataState.CR;
                    } else {
                        bare("<LF>");
                        keep(LF);
                    }
                }
                case CR -> {
                    if (next == LF) {
                        in.skipBytes(1);
                        keep(CR);
                        keep(LF);
                        dataState = DataState.LINE_START;
                    } else {
                        bare("<CR>");
                        keep(CR);
                        if (next == CR) {
                            in.skipBytes(1);
                        } else {
                            dataState = DataState.MIDDLE;
                        }
                    }
                }
            }
        }
    }

    /**
     * The index of the first CR or LF from the reader index on that needs the state
     * machine, or -1. A CRLF followed by a line that does not start with a dot needs
     * nothing: such lines, the usual ones, are kept in one copy instead of one per line.
     * The content is copied a window at a time into an array of the event loop's and
     * searched there in one pass: cheaper than two searches per line in the socket's
     * buffer, each of which pays Netty's checks.
     */
    private static int endOfOrdinaryLines(ByteBuf in) {
        byte[] window = SCAN_WINDOW.get();
        int end = in.writerIndex();
        int pos = in.readerIndex();
        while (pos < end) {
            int length = Math.min(window.length, end - pos);
            in.getBytes(pos, window, 0, length);
            int i = 0;
            while (i < length) {
                byte b = window[i];
                if (b != CR && b != LF) {
                    i++;
                    continue;
                }
                int at = pos + i;
                if (b == LF || at + 2 >= end) {
                    // a bare LF, or a CR whose line end or next line is not here yet
                    return at;
                }
                byte afterCr = i + 1 < length ? window[i + 1] : in.getByte(at + 1);
                byte lineStart = i + 2 < length ? window[i + 2] : in.getByte(at + 2);
                if (afterCr != LF || lineStart == '.') {
                    // a bare CR, or a dot line
                    return at;
                }
                // past the LF, which may be the first byte after this window
                i += 2;
            }
            pos += i;
        }
        return -1;
    }

    private void decodeChunk(ByteBuf in, List<Object> out) {
        int take = (int) Math.min(in.readableBytes(), chunkRemaining);
        keep(in, take);
        chunkRemaining -= take;
        if (chunkRemaining == 0) {
            out.add(new SmtpFrame.Chunk(takeContent(), received));
            mode = Mode.COMMAND;
        }
    }

    private void finishData(List<Object> out) {
        out.add(new SmtpFrame.MessageData(takeContent(), received, bareNewline));
        mode = Mode.COMMAND;
    }

    private void bare(String what) {
        if (bareNewline == null) {
            bareNewline = what;
        }
    }

    private void startContent(long sizeLimit, int prefixLength) {
        releaseContent();
        received = 0;
        limit = sizeLimit;
        if (sizeLimit >= 0) {
            int max = (int) Math.min(sizeLimit + prefixLength, Integer.MAX_VALUE - 16);
            // room for most messages at once: a growing buffer copies what it has at each step
            content = alloc.heapBuffer(Math.min(max, INITIAL_CONTENT_CAPACITY), max);
        }
    }

    private void keep(ByteBuf in, int length) {
        received += length;
        if (content != null && received <= limit) {
            content.writeBytes(in, length);
        } else {
            releaseContent();
            in.skipBytes(length);
        }
    }

    private void keep(byte b) {
        received++;
        if (content != null && received <= limit) {
            content.writeByte(b);
        } else {
            releaseContent();
        }
    }

    private byte[] takeContent() {
        if (content == null) {
            return null;
        }
        byte[] bytes = ByteBufUtil.getBytes(content);
        releaseContent();
        return bytes;
    }

    private void releaseContent() {
        if (content != null) {
            content.release();
            content = null;
        }
    }

    private void requireCommandMode() {
        if (mode != Mode.COMMAND) {
            throw new IllegalStateException("decoder busy in mode " + mode);
        }
    }
}
