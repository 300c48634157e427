package org.yubin.listener;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.function.Function;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Refuses a connection past its limit with the protocol's refusal line and closes; the rest
 * of the pipeline never sees that channel become active. The limit is per client address
 * ({@link #perClient}) or per listener ({@link #perListener}). One instance per channel;
 * the {@link ConnectionCounter} is shared by the listener's channels.
 *
 * @param <K> what the connections are counted against
 */
public final class ConnectionLimitHandler<K> extends ChannelInboundHandlerAdapter {

    /** Room per listener for the 10,000 idle clients a server must carry, with margin, and no more. */
    public static final int DEFAULT_MAX_PER_LISTENER = 20_000;

    private static final Logger LOG = LoggerFactory.getLogger(ConnectionLimitHandler.class);

    private final ConnectionCounter<K> counter;
    private final Function<Channel, K> keyOf;
    private final Function<Channel, Object> clientOf;
    private final int max;
    private final byte[] refusal;
    private final String refusalLog;
    private K counted;
    private boolean refused;

    private ConnectionLimitHandler(ConnectionCounter<K> counter, Function<Channel, K> keyOf,
                                   Function<Channel, Object> clientOf, int max, String refusal, String refusalLog) {
        this.counter = counter;
        this.keyOf = keyOf;
        this.clientOf = clientOf;
        this.max = max;
        this.refusal = refusal.getBytes(StandardCharsets.UTF_8);
        this.refusalLog = refusalLog;
    }

    /**
     * At most {@code max} connections per client IP address; a channel without one (a test
     * channel) is not counted.
     *
     * @param refusal    the whole refusal line, CRLF included
     * @param refusalLog log pattern; its one {@code {}} is the client's IP address
     */
    public static ConnectionLimitHandler<InetAddress> perClient(ConnectionCounter<InetAddress> counter, int max,
                                                                String refusal, String refusalLog) {
        return new ConnectionLimitHandler<>(counter, ConnectionLimitHandler::clientAddress,
                channel -> clientAddress(channel).getHostAddress(), max, refusal, refusalLog);
    }

    /**
     * At most {@code max} connections on the listener named {@code listener}.
     *
     * @param refusal    the whole refusal line, CRLF included
     * @param refusalLog log pattern; its one {@code {}} is the client's socket address
     */
    public static ConnectionLimitHandler<String> perListener(ConnectionCounter<String> counter, String listener,
                                                             int max, String refusal, String refusalLog) {
        return new ConnectionLimitHandler<>(counter, channel -> listener, Channel::remoteAddress, max, refusal,
                refusalLog);
    }

    private static InetAddress clientAddress(Channel channel) {
        return channel.remoteAddress() instanceof InetSocketAddress remote ? remote.getAddress() : null;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        K key = keyOf.apply(ctx.channel());
        if (key != null) {
            if (!counter.tryAcquire(key, max)) {
                refused = true;
                LOG.warn(refusalLog, clientOf.apply(ctx.channel()));
                ctx.writeAndFlush(Unpooled.wrappedBuffer(refusal)).addListener(ChannelFutureListener.CLOSE);
                return;
            }
            counted = key;
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
