package org.yubin.smtp;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Refuses a client that already holds {@code max} connections with
 * {@code 421 4.7.0 Too many connections from your address} and closes; the rest of the
 * pipeline never sees that channel become active. One instance per channel.
 */
public final class ConnectionLimitHandler extends ChannelInboundHandlerAdapter {

    private static final Logger LOG = LoggerFactory.getLogger(ConnectionLimitHandler.class);

    private final ClientConnectionCounter counter;
    private final int max;
    private InetAddress counted;
    private boolean refused;

    public ConnectionLimitHandler(ClientConnectionCounter counter, int max) {
        this.counter = counter;
        this.max = max;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        if (ctx.channel().remoteAddress() instanceof InetSocketAddress remote && remote.getAddress() != null) {
            InetAddress client = remote.getAddress();
            if (!counter.tryAcquire(client, max)) {
                refused = true;
                LOG.warn("refused connection from unknown[{}]: too many connections", client.getHostAddress());
                ctx.writeAndFlush(ByteBufUtil.writeUtf8(ctx.alloc(), SmtpReply.TOO_MANY_CONNECTIONS.toWireString()))
                        .addListener(ChannelFutureListener.CLOSE);
                return;
            }
            counted = client;
        }
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
        if (counted != null) {
            counter.release(counted);
            counted = null;
        }
        if (!refused) {
            super.channelInactive(ctx);
        }
    }
}
