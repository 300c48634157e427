package org.yubin.listener;

import java.util.List;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;

/**
 * A decoder the session can stop between two frames (a delayed login answer, a message
 * with the queue) and start again, and whose buffered input it can drop (STARTTLS: no byte
 * pipelined in plain text may run under TLS, CVE-2011-0411). Subclasses check
 * {@link #isPaused()} before decoding a frame. Not thread-safe: one instance per channel,
 * driven from the executor of the session handler.
 */
public abstract class PausableDecoder extends ByteToMessageDecoder {

    private ChannelHandlerContext context;
    private boolean paused;
    private boolean decoding;

    /** Stops decoding: input stays buffered until {@link #resume()}. */
    public void pause() {
        paused = true;
    }

    /**
     * Decodes again, starting with the input buffered while paused. Call it on this
     * decoder's executor; from inside a frame's handling it only lifts the pause, and the
     * running decode loop goes on.
     */
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

    protected final boolean isPaused() {
        return paused;
    }

    /** Drops every byte received and not yet decoded. */
    protected final void dropBuffered() {
        ByteBuf buffered = internalBuffer();
        buffered.skipBytes(buffered.readableBytes());
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) throws Exception {
        context = ctx;
        super.handlerAdded(ctx);
    }

    @Override
    protected void callDecode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        decoding = true;
        try {
            super.callDecode(ctx, in, out);
        } finally {
            decoding = false;
        }
    }
}
