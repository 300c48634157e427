package org.yubin.pop3.codec;

import java.nio.charset.StandardCharsets;
import java.util.List;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.util.ByteProcessor;
import org.yubin.listener.Lines;
import org.yubin.listener.PausableDecoder;

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
public final class Pop3LineDecoder extends PausableDecoder {

    private enum Mode { LINE, DISCARD_LINE, DISCARD_PLAINTEXT }

    private final int maxLineLength;
    private Mode mode = Mode.LINE;

    public Pop3LineDecoder(int maxLineLength) {
        if (maxLineLength < 8) {
            throw new IllegalArgumentException("maxLineLength too small: " + maxLineLength);
        }
        this.maxLineLength = maxLineLength;
    }

    /** Drops what is buffered and all input until {@link #endDiscard}: called at STLS. */
    public void discardPlaintext() {
        mode = Mode.DISCARD_PLAINTEXT;
        dropBuffered();
    }

    /** Decodes lines again: the TLS handshake is done. */
    public void endDiscard() {
        if (mode != Mode.DISCARD_PLAINTEXT) {
            throw new IllegalStateException("decoder not discarding, in mode " + mode);
        }
        mode = Mode.LINE;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (isPaused()) {
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
        out.add(Pop3Line.of(Lines.readLine(in, lf, StandardCharsets.UTF_8)));
    }

    private void discardLine(ByteBuf in) {
        if (Lines.skipLine(in)) {
            mode = Mode.LINE;
        }
    }
}
