package org.yubin.listener;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.handler.timeout.IdleStateHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ends a session whose client stays silent longer than the idle timeout with the protocol's
 * goodbye line (SMTP {@code 421}, IMAP autologout {@code * BYE}) and closes. While reading is
 * paused (a message with the queue, a delayed login answer, a full output buffer) the
 * silence is ours, so it does not count.
 */
public final class IdleTimeoutHandler extends IdleStateHandler {

    private static final Logger LOG = LoggerFactory.getLogger(IdleTimeoutHandler.class);

    private final byte[] goodbye;
    private final String timeoutLog;

    /**
     * @param goodbye    the whole line sent before closing, CRLF included
     * @param timeoutLog log pattern; its one {@code {}} is the client's socket address
     */
    public IdleTimeoutHandler(long timeoutMillis, String goodbye, String timeoutLog) {
        super(timeoutMillis, 0, 0, TimeUnit.MILLISECONDS);
        this.goodbye = goodbye.getBytes(StandardCharsets.UTF_8);
        this.timeoutLog = timeoutLog;
    }

    @Override
    protected void channelIdle(ChannelHandlerContext ctx, IdleStateEvent event) {
        if (!ctx.channel().isActive() || !ctx.channel().config().isAutoRead()) {
            return;
        }
        LOG.info(timeoutLog, ctx.channel().remoteAddress());
        ctx.writeAndFlush(Unpooled.wrappedBuffer(goodbye)).addListener(ChannelFutureListener.CLOSE);
    }
}
