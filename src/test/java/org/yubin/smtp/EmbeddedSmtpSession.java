package org.yubin.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Pattern;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;

/**
 * An SMTP pipeline in an {@link EmbeddedChannel} with a client address of our choosing,
 * and a last handler that plays Camel: it records each {@link AcceptedMessage} and writes
 * back what {@code outcome} returns ({@code null}: nothing yet, see {@link #complete}).
 */
final class EmbeddedSmtpSession implements AutoCloseable {

    static final Clock CLOCK = Clock.fixed(Instant.parse("2025-06-03T01:02:03Z"), ZoneId.of("Asia/Tokyo"));

    final List<AcceptedMessage> queued = new ArrayList<>();
    final EmbeddedChannel channel;

    EmbeddedSmtpSession(SmtpServerInitializer initializer, String clientIp, Function<AcceptedMessage, Object> outcome) {
        channel = new ClientChannel(new InetSocketAddress(clientIp, 40000));
        initializer.configure(channel.pipeline(), null, null, new ChannelInboundHandlerAdapter() {
            @Override
            public void channelRead(ChannelHandlerContext ctx, Object msg) {
                AcceptedMessage message = (AcceptedMessage) msg;
                queued.add(message);
                Object result = outcome.apply(message);
                if (result != null) {
                    ctx.channel().writeAndFlush(result);
                }
            }
        });
        try {
            channel.register();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static SmtpListenerSettings settings() {
        return new SmtpListenerSettings("mx", "mx.yubin.test", 64, 1000, 3, 10, 2, Duration.ofMinutes(5), 1,
                ClientNetworks.parse(List.of("127.0.0.0/8", "[::1]/128")));
    }

    static SmtpServerInitializer initializer(SmtpListenerSettings settings) {
        return new SmtpServerInitializer(settings, new FakeRecipientResolver(),
                SmtpServerInitializer.standardRcptHooks(settings), CLOCK);
    }

    /** Sends raw bytes as one segment. */
    void send(byte[] bytes) {
        channel.writeInbound(Unpooled.wrappedBuffer(bytes));
        channel.runPendingTasks();
    }

    void send(String text) {
        send(text.getBytes(StandardCharsets.UTF_8));
    }

    /** Everything the server has written since the last call. */
    String replies() {
        StringBuilder out = new StringBuilder();
        for (ByteBuf buf = channel.readOutbound(); buf != null; buf = channel.readOutbound()) {
            out.append(buf.toString(StandardCharsets.UTF_8));
            buf.release();
        }
        return out.toString();
    }

    /** Writes back the outcome of the message that is with "Camel", as camel-netty does. */
    void complete(Object outcome) {
        channel.writeAndFlush(outcome);
        channel.runPendingTasks();
    }

    /**
     * Plays a transcript: {@code C:} lines are sent (consecutive ones in one segment, as a
     * pipelining client does), then all {@code S:} lines up to the next {@code C:} must be the
     * replies exactly; an {@code S~} line is a regular expression for one reply line.
     */
    void play(String transcript) {
        StringBuilder pending = new StringBuilder();
        List<String> expected = new ArrayList<>();
        for (String line : transcript.stripIndent().split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            String text = line.length() > 3 ? line.substring(3) : "";
            if (line.startsWith("C:")) {
                if (!expected.isEmpty()) {
                    check(pending, expected);
                }
                pending.append(text).append("\r\n");
            } else if (line.startsWith("S:") || line.startsWith("S~")) {
                expected.add(line.startsWith("S~") ? text : Pattern.quote(text));
            } else {
                throw new IllegalArgumentException("transcript line must start with C: S: or S~: " + line);
            }
        }
        check(pending, expected);
    }

    private void check(StringBuilder pending, List<String> expected) {
        if (!pending.isEmpty()) {
            send(pending.toString());
            pending.setLength(0);
        }
        String actual = replies();
        assertThat(actual).as("replies").matches(String.join("\r\n", expected) + "\r\n");
        expected.clear();
    }

    @Override
    public void close() {
        channel.finishAndReleaseAll();
    }

    private static final class ClientChannel extends EmbeddedChannel {
        private final SocketAddress remote;

        ClientChannel(SocketAddress remote) {
            super(false, false);
            this.remote = remote;
        }

        @Override
        protected SocketAddress remoteAddress0() {
            return remote;
        }
    }
}
