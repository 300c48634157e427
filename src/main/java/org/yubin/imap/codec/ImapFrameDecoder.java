package org.yubin.imap.codec;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import org.yubin.listener.Lines;
import org.yubin.listener.PausableDecoder;

/**
 * Bytes to {@link ImapRequest}s: command lines with their literals (RFC 3501 4.3, 7.5),
 * tokenized by {@link ImapCommandParser}. One instance per channel; it runs on the
 * session's executor, so the session may switch it (raw lines, pause) between frames.
 *
 * <table>
 * <caption>limits</caption>
 * <tr><th>what</th><th>limit</th><th>beyond it</th></tr>
 * <tr><td>command text (literals not counted)</td><td>{@code maxLineLength}</td>
 *     <td>{@code BAD}, the rest of the line is discarded</td></tr>
 * <tr><td>literals of an APPEND</td><td>{@code appendLiteralLimit} (the message size limit)</td>
 *     <td>synchronizing: {@code NO [TOOBIG]} without reading it; {@code {n+}}: {@code BAD} and close</td></tr>
 * <tr><td>literals of any other command</td><td>{@link #OTHER_LITERAL_LIMIT}</td>
 *     <td>synchronizing: {@code BAD} without reading it; {@code {n+}}: {@code BAD} and close</td></tr>
 * <tr><td>list nesting</td><td>{@link ImapCommandParser#MAX_DEPTH}</td><td>{@code BAD}</td></tr>
 * </table>
 * A synchronizing literal is invited with {@code + OK} only when the {@link LiteralPolicy}
 * accepts the command so far. After STARTTLS every byte is dropped, the ones already
 * buffered included, until {@link #endDiscard()}.
 */
public final class ImapFrameDecoder extends PausableDecoder {

    /** Literal bytes per command other than APPEND: enough for any search string or login. */
    public static final int OTHER_LITERAL_LIMIT = 64 * 1024;

    private enum Mode { LINE, LITERAL, DISCARD_LINE, DISCARD_PLAINTEXT, DISCARD_ALL }

    private static final byte[] CONTINUE = "+ OK\r\n".getBytes(StandardCharsets.US_ASCII);

    private final int maxLineLength;
    private final long appendLiteralLimit;
    private final LiteralPolicy policy;

    private Mode mode = Mode.LINE;
    private boolean rawLine;

    private final List<Object> parts = new ArrayList<>(1);
    private int textBytes;
    private long literalBytes;
    private String tag;
    private String name;
    private byte[] literal;
    private int literalFilled;
    private int literalSize;

    public ImapFrameDecoder(int maxLineLength, long appendLiteralLimit, LiteralPolicy policy) {
        this.maxLineLength = maxLineLength;
        this.appendLiteralLimit = appendLiteralLimit;
        this.policy = policy;
    }

    /** The next line is handed on as a {@link ImapRequest.RawLine} (AUTHENTICATE, IDLE). */
    public void expectRawLine() {
        rawLine = true;
    }

    /** Drops everything buffered and arriving until {@link #endDiscard()} (STARTTLS). */
    public void discardPlaintext() {
        mode = Mode.DISCARD_PLAINTEXT;
        dropBuffered();
    }

    public void endDiscard() {
        if (mode == Mode.DISCARD_PLAINTEXT) {
            reset();
        }
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        while (in.isReadable() && out.isEmpty() && !isPaused()) {
            switch (mode) {
                case DISCARD_PLAINTEXT, DISCARD_ALL -> in.skipBytes(in.readableBytes());
                case DISCARD_LINE -> discardLine(in);
                case LITERAL -> readLiteral(in);
                case LINE -> {
                    if (!readLine(ctx, in, out)) {
                        return;
                    }
                }
            }
        }
    }

    private void discardLine(ByteBuf in) {
        if (Lines.skipLine(in)) {
            reset();
        }
    }

    private void readLiteral(ByteBuf in) {
        int n = Math.min(in.readableBytes(), literalSize - literalFilled);
        if (literal.length < literalFilled + n) {
            // grow as bytes arrive: an announced size alone allocates little
            literal = Arrays.copyOf(literal, (int) Math.min(literalSize, Math.max(literalFilled + n, 2L * literal.length)));
        }
        in.readBytes(literal, literalFilled, n);
        literalFilled += n;
        if (literalFilled == literalSize) {
            parts.add(literal);
            literal = null;
            mode = Mode.LINE;
        }
    }

    /** Returns false when more input is needed. */
    private boolean readLine(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        int allowed = maxLineLength - textBytes;
        int searchEnd = (int) Math.min(in.writerIndex(), (long) in.readerIndex() + allowed + 2);
        int lf = in.indexOf(in.readerIndex(), searchEnd, (byte) '\n');
        if (lf < 0) {
            if (in.readableBytes() > allowed + 1) {
                out.add(new ImapRequest.Refused(tagOrStar() + " BAD Command line too long", false));
                mode = Mode.DISCARD_LINE;
                rawLine = false;
                discardLine(in);
                return true;
            }
            return false;
        }
        String line = Lines.readLine(in, lf, StandardCharsets.ISO_8859_1);
        if (rawLine) {
            rawLine = false;
            out.add(new ImapRequest.RawLine(new String(line.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8)));
            return true;
        }
        textBytes += line.length();
        if (parts.isEmpty()) {
            String[] tagAndName = ImapCommandParser.tagAndName(line);
            tag = tagAndName[0];
            name = tagAndName[1];
        }
        int open = literalStart(line);
        if (open < 0) {
            parts.add(line);
            complete(out);
            return true;
        }
        boolean synchronizing = line.charAt(line.length() - 2) != '+';
        String digits = line.substring(open + 1, line.length() - (synchronizing ? 1 : 2));
        long size = digits.length() > 12 ? Long.MAX_VALUE : Long.parseLong(digits);
        parts.add(line.substring(0, open));
        long limit = name.equals("APPEND") ? appendLiteralLimit : OTHER_LITERAL_LIMIT;
        if (literalBytes + size > limit) {
            if (synchronizing) {
                out.add(new ImapRequest.Refused(name.equals("APPEND")
                        ? tag + " NO [TOOBIG] Message too large"
                        : tag + " BAD Literal too large", false));
                reset();
            } else {
                out.add(new ImapRequest.Refused(tag + " BAD Literal too large", true));
                mode = Mode.DISCARD_ALL;
            }
            return true;
        }
        if (synchronizing) {
            String refusal = policy.refusal(tag, name, size);
            if (refusal != null) {
                out.add(new ImapRequest.Refused(refusal, false));
                reset();
                return true;
            }
            ctx.writeAndFlush(Unpooled.wrappedBuffer(CONTINUE));
        }
        literalBytes += size;
        literalSize = (int) size;
        literalFilled = 0;
        literal = new byte[(int) Math.min(size, 8192)];
        mode = Mode.LITERAL;
        if (size == 0) {
            parts.add(literal);
            literal = null;
            mode = Mode.LINE;
        }
        return true;
    }

    /** Where a trailing {@code {n}} or {@code {n+}} starts, or -1. */
    private static int literalStart(String line) {
        if (!line.endsWith("}")) {
            return -1;
        }
        int open = line.lastIndexOf('{');
        if (open < 0) {
            return -1;
        }
        int end = line.length() - 1;
        if (line.charAt(end - 1) == '+') {
            end--;
        }
        if (end == open + 1) {
            return -1;
        }
        for (int i = open + 1; i < end; i++) {
            if (line.charAt(i) < '0' || line.charAt(i) > '9') {
                return -1;
            }
        }
        return open;
    }

    private void complete(List<Object> out) {
        try {
            if (parts.size() == 1 && ((String) parts.get(0)).isBlank()) {
                out.add(new ImapRequest.Refused("* BAD Empty command", false));
            } else {
                out.add(new ImapCommandParser(List.copyOf(parts)).parse());
            }
        } catch (IllegalArgumentException e) {
            out.add(new ImapRequest.Refused(tagOrStar() + " BAD Syntax error: " + e.getMessage(), false));
        } finally {
            reset();
        }
    }

    private String tagOrStar() {
        return tag == null ? "*" : tag;
    }

    private void reset() {
        mode = Mode.LINE;
        parts.clear();
        textBytes = 0;
        literalBytes = 0;
        literal = null;
        tag = null;
        name = null;
    }
}
