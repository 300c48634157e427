package org.yubin.smtp;

import java.util.concurrent.TimeUnit;

import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.handler.timeout.IdleStateHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ends a session whose client stays silent longer than the idle timeout, between commands
 * or inside DATA, with {@code 421 4.4.2 <host> Error: timeout exceeded}. While reading is
 * paused (the message is with the queue) the silence is ours, so it does not count.
 */
public final class IdleTimeoutHandler extends IdleStateHandler {

    private static final Logger LOG = LoggerFactory.getLogger(IdleTimeoutHandler.class);

    private final String hostname;

    public IdleTimeoutHandler(long timeoutMillis, String hostname) {
        super(timeoutMillis, 0, 0, TimeUnit.MILLISECONDS);
        this.hostname = hostname;
    }

    @Override
    protected void channelIdle(ChannelHandlerContext ctx, IdleStateEvent event) {
        if (!ctx.channel().isActive() || !ctx.channel().config().isAutoRead()) {
            return;
        }
        LOG.info("timeout from {}", ctx.channel().remoteAddress());
        SmtpReply reply = new SmtpReply(421, "4.4.2", hostname + " Error: timeout exceeded");
        ctx.writeAndFlush(ByteBufUtil.writeUtf8(ctx.alloc(), reply.toWireString()))
                .addListener(ChannelFutureListener.CLOSE);
    }
}
