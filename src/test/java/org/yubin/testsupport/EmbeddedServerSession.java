package org.yubin.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.regex.Pattern;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.embedded.EmbeddedChannel;

/**
 * A protocol server's pipeline in an {@link EmbeddedChannel} on the test's thread, with a
 * client address of our choosing, driven by raw bytes or by transcripts ({@link #play}).
 * The protocol's harness adds its handlers and its own helpers (greeting, login, clock).
 */
public abstract class EmbeddedServerSession implements AutoCloseable {

    public final EmbeddedChannel channel;

    /** {@code pipeline} adds the server's handlers before the channel is registered. */
    protected EmbeddedServerSession(String clientIp, Consumer<ChannelPipeline> pipeline) {
        channel = new ClientChannel(new InetSocketAddress(clientIp, 40000));
        pipeline.accept(channel.pipeline());
        try {
            channel.register();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Sends raw bytes as one segment. */
    public void send(byte[] bytes) {
        channel.writeInbound(Unpooled.wrappedBuffer(bytes));
        channel.runPendingTasks();
    }

    public void send(String text) {
        send(text.getBytes(StandardCharsets.UTF_8));
    }

    /** Everything the server has written since the last call. */
    public String replies() {
        StringBuilder out = new StringBuilder();
        for (ByteBuf buf = channel.readOutbound(); buf != null; buf = channel.readOutbound()) {
            out.append(buf.toString(StandardCharsets.UTF_8));
            buf.release();
        }
        return out.toString();
    }

    /**
     * Plays a transcript: {@code C:} lines are sent (consecutive ones in one segment, as a
     * pipelining client does), then the {@code S:} lines up to the next {@code C:} must be the
     * output exactly; an {@code S~} line is a regular expression for one line. A text block's
     * indentation is gone already; a trailing space ({@code "+ \s"}) must stay, so the
     * transcript is not stripped again.
     */
    public void play(String transcript) {
        StringBuilder pending = new StringBuilder();
        List<String> expected = new ArrayList<>();
        for (String line : transcript.split("\n")) {
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
        assertThat(replies()).as("replies").matches(String.join("\r\n", expected) + "\r\n");
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
