package org.yubin.pop3.codec;

import java.nio.charset.StandardCharsets;
import java.util.List;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.util.ByteProcessor;

/**
 * Splits the client's bytes into {@link Pop3Line}s (commands and SASL responses). A line
 * ends at LF, a CR before it is dropped. Each {@code decode} call emits at most one line,
 * so the session can pause decoding between two commands (a delayed failed login) or
 * switch to discarding.
 *
 * <table>
 * <caption>Limits</caption>
 * <tr><td>line</td><td>{@code maxLineLength} bytes, line end included; a longer line gives one
 *     {@link Pop3Line#TOO_LONG} and is dropped up to its LF</td></tr>
 * </table>
 *
 * After STLS it drops every byte, the ones already buffered included, until the handshake
 * is done ({@link #discardPlaintext}, {@link #endDiscard}): nothing pipelined in plain
 * text runs under TLS (RFC 2595 4, CVE-2011-0411). Not thread-safe: one instance per
 * channel, driven from the executor of the session handler.
 */
public final class Pop3LineDecoder extends ByteToMessageDecoder {

    private enum Mode { LINE, DISCARD_LINE, DISCARD_PLAINTEXT }

    private final int maxLineLength;
    private ChannelHandlerContext context;
    private Mode mode = Mode.LINE;
    private boolean paused;
    private boolean decoding;

    public Pop3LineDecoder(int maxLineLength) {
        if (maxLineLength < 8) {
            throw new IllegalArgumentException("maxLineLength too small: " + maxLineLength);
        }
        this.maxLineLength = maxLineLength;
    }

    /** Drops what is buffered and all input until {@link #endDiscard}: called at STLS. */
    public void discardPlaintext() {
        mode = Mode.DISCARD_PLAINTEXT;
        ByteBuf buffered = internalBuffer();
        buffered.skipBytes(buffered.readableBytes());
    }

    /** Decodes lines again: the TLS handshake is done. */
    public void endDiscard() {
        if (mode != Mode.DISCARD_PLAINTEXT) {
            throw new IllegalStateException("decoder not discarding, in mode " + mode);
        }
        mode = Mode.LINE;
    }

    /** Stops decoding: input stays buffered until {@link #resume()}. */
    public void pause() {
        paused = true;
    }

    /** Decodes again, starting with what was buffered meanwhile. Call it on this decoder's executor. */
    public void resume() {
        paused = false;
        if (!decoding && context != null && internalBuffer().isReadable()) {
            try {
                channelRead(context, Unpooled.EMPTY_BUFFER);
            } catch (Exception e) {
                context.fireExceptionCaught(e);
            }
        }
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) throws Exception {
        context = ctx;
        super.handlerAdded(ctx);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
        decoding = true;
        try {
            super.channelRead(ctx, msg);
        } finally {
            decoding = false;
        }
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (paused) {
            return;
        }
        switch (mode) {
            case DISCARD_PLAINTEXT -> in.skipBytes(in.readableBytes());
            case DISCARD_LINE -> discardLine(in);
            case LINE -> decodeLine(in, out);
        }
    }

    private void decodeLine(ByteBuf in, List<Object> out) {
        int lf = in.forEachByte(ByteProcessor.FIND_LF);
        if (lf < 0 || lf - in.readerIndex() >= maxLineLength) {
            if (lf >= 0) {
                in.readerIndex(lf + 1);
                out.add(Pop3Line.TOO_LONG);
            } else if (in.readableBytes() >= maxLineLength) {
                in.skipBytes(in.readableBytes());
                mode = Mode.DISCARD_LINE;
                out.add(Pop3Line.TOO_LONG);
            }
            return;
        }
        int end = lf > in.readerIndex() && in.getByte(lf - 1) == '\r' ? lf - 1 : lf;
        String text = in.toString(in.readerIndex(), end - in.readerIndex(), StandardCharsets.UTF_8);
        in.readerIndex(lf + 1);
        out.add(Pop3Line.of(text));
    }

    private void discardLine(ByteBuf in) {
        int lf = in.forEachByte(ByteProcessor.FIND_LF);
        if (lf < 0) {
            in.skipBytes(in.readableBytes());
        } else {
            in.readerIndex(lf + 1);
            mode = Mode.LINE;
        }
    }
}
