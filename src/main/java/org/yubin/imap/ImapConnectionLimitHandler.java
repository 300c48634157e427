package org.yubin.imap;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Refuses a connection beyond the listener's limit with {@code * BYE} before the session
 * sees it; {@code open} is shared by the listener's channels. One instance per channel.
 */
public final class ImapConnectionLimitHandler extends ChannelInboundHandlerAdapter {

    private static final Logger LOG = LoggerFactory.getLogger(ImapConnectionLimitHandler.class);
    private static final byte[] BYE = "* BYE Too many connections, try later\r\n".getBytes(StandardCharsets.US_ASCII);

    private final AtomicInteger open;
    private final int max;
    private boolean counted;
    private boolean refused;

    public ImapConnectionLimitHandler(AtomicInteger open, int max) {
        this.open = open;
        this.max = max;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        if (open.incrementAndGet() > max) {
            open.decrementAndGet();
            refused = true;
            LOG.warn("imap: refused connection from {}: too many connections", ctx.channel().remoteAddress());
            ctx.writeAndFlush(Unpooled.wrappedBuffer(BYE)).addListener(ChannelFutureListener.CLOSE);
            return;
        }
        counted = true;
        super.channelActive(ctx);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (refused) {
            ReferenceCountUtil.release(msg);
        } else {
            ctx.fireChannelRead(msg);
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        if (counted) {
            counted = false;
            open.decrementAndGet();
        }
        if (!refused) {
            super.channelInactive(ctx);
        }
    }
}
