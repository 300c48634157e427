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
 * {@link #isPaused()} before decoding a frame. While paused, the channel stops reading
 * once input is waiting (pipelined commands, or bytes that arrive meanwhile), so that a
 * client cannot make the buffer grow; a client that waits for its answer, as most do,
 * costs no change of the socket's read interest. Not thread-safe: one instance per
 * channel, driven from the executor of the session handler.
 */
public abstract class PausableDecoder extends ByteToMessageDecoder {

    private ChannelHandlerContext context;
    private boolean paused;
    private boolean decoding;
    private boolean readingStopped;

    /** Stops decoding: input stays buffered until {@link #resume()}. */
    public void pause() {
        paused = true;
        if (context != null && internalBuffer().isReadable()) {
            stopReading();
        }
    }

    /**
     * Decodes again, starting with the input buffered while paused. Call it on this
     * decoder's executor; from inside a frame's handling it only lifts the pause, and the
     * running decode loop goes on.
     */
    public void resume() {
        paused = false;
        if (readingStopped) {
            readingStopped = false;
            context.channel().config().setAutoRead(true);
        }
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

    private void stopReading() {
        if (!readingStopped) {
            readingStopped = true;
            context.channel().config().setAutoRead(false);
        }
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
        if (paused && msg instanceof ByteBuf bytes && bytes.isReadable()) {
            stopReading();
        }
        super.channelRead(ctx, msg);
    }

    /**
     * After a read that decoded nothing, {@link ByteToMessageDecoder} asks for the next
     * read even when the channel does not read by itself; while reading is stopped here,
     * that would let a paused session's buffer grow read by read.
     */
    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) throws Exception {
        if (readingStopped) {
            discardSomeReadBytes();
            ctx.fireChannelReadComplete();
            return;
        }
        super.channelReadComplete(ctx);
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
