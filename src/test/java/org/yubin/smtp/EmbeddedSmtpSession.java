package org.yubin.smtp;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import org.yubin.testsupport.EmbeddedServerSession;

/**
 * An SMTP pipeline in an {@link EmbeddedChannel} with a client address of our choosing,
 * and a last handler that plays Camel: it records each {@link AcceptedMessage} and writes
 * back what {@code outcome} returns ({@code null}: nothing yet, see {@link #complete}).
 */
final class EmbeddedSmtpSession extends EmbeddedServerSession {

    static final Clock CLOCK = Clock.fixed(Instant.parse("2025-06-03T01:02:03Z"), ZoneId.of("Asia/Tokyo"));

    final List<AcceptedMessage> queued;
    /** Ends of reads that reached the last handler (in the server, a task on Camel's executor each). */
    final AtomicInteger readCompletes;

    EmbeddedSmtpSession(SmtpServerInitializer initializer, String clientIp, Function<AcceptedMessage, Object> outcome) {
        this(initializer, clientIp, outcome, new ArrayList<>(), new AtomicInteger());
    }

    private EmbeddedSmtpSession(SmtpServerInitializer initializer, String clientIp,
                                Function<AcceptedMessage, Object> outcome, List<AcceptedMessage> queued,
                                AtomicInteger readCompletes) {
        super(clientIp, pipeline -> initializer.configure(pipeline, null, new ChannelInboundHandlerAdapter() {
            @Override
            public void channelRead(ChannelHandlerContext ctx, Object msg) {
                AcceptedMessage message = (AcceptedMessage) msg;
                queued.add(message);
                Object result = outcome.apply(message);
                if (result != null) {
                    ctx.channel().writeAndFlush(result);
                }
            }

            @Override
            public void channelReadComplete(ChannelHandlerContext ctx) {
                readCompletes.incrementAndGet();
            }
        }));
        this.queued = queued;
        this.readCompletes = readCompletes;
    }

    static SmtpListenerSettings settings() {
        return new SmtpListenerSettings("mx", "mx.yubin.test", 64, 1000, 3, 10, 2, Duration.ofMinutes(5),
                ClientNetworks.parse(List.of("127.0.0.0/8", "[::1]/128")));
    }

    static SmtpServerInitializer initializer(SmtpListenerSettings settings) {
        return new SmtpServerInitializer(settings, new FakeRecipientResolver(),
                SmtpServerInitializer.standardRcptHooks(settings), CLOCK);
    }

    /** Writes back the outcome of the message that is with "Camel", as camel-netty does. */
    void complete(Object outcome) {
        channel.writeAndFlush(outcome);
        channel.runPendingTasks();
    }
}
