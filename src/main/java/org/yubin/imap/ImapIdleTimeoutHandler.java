package org.yubin.imap;

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
 * RFC 3501 5.4 autologout: a client silent for the idle timeout (also inside IDLE, where
 * clients re-issue IDLE well within 30 minutes) gets {@code * BYE} and is disconnected.
 * While reading is paused (a delayed login answer, a full output buffer) the silence is
 * ours, so it does not count.
 */
public final class ImapIdleTimeoutHandler extends IdleStateHandler {

    private static final Logger LOG = LoggerFactory.getLogger(ImapIdleTimeoutHandler.class);
    private static final byte[] BYE = "* BYE Autologout; idle for too long\r\n".getBytes(StandardCharsets.US_ASCII);

    public ImapIdleTimeoutHandler(long timeoutMillis) {
        super(timeoutMillis, 0, 0, TimeUnit.MILLISECONDS);
    }

    @Override
    protected void channelIdle(ChannelHandlerContext ctx, IdleStateEvent event) {
        if (!ctx.channel().isActive() || !ctx.channel().config().isAutoRead()) {
            return;
        }
        LOG.info("imap: autologout of {}: idle for too long", ctx.channel().remoteAddress());
        ctx.writeAndFlush(Unpooled.wrappedBuffer(BYE)).addListener(ChannelFutureListener.CLOSE);
    }
}
