package org.yubin.pop3;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import org.yubin.auth.AuthSettings;
import org.yubin.auth.Authenticator;
import org.yubin.auth.SaslMechanism;
import org.yubin.directory.CleartextCredential;
import org.yubin.directory.Directory;
import org.yubin.directory.MailUser;

/**
 * A POP3 pipeline in an {@link EmbeddedChannel} on the channel's own thread, with a fake
 * store and a directory of two users ({@code alice@example.com} with a cleartext password,
 * {@code hashed@example.com} without). The failure delay is 2 s of the channel's clock:
 * {@link #advance} moves it.
 */
final class EmbeddedPop3Session implements AutoCloseable {

    static final String PASSWORD = "secret";
    static final Duration FAILURE_DELAY = Duration.ofSeconds(2);

    final EmbeddedChannel channel;

    EmbeddedPop3Session(Pop3ServerInitializer initializer, String clientIp) {
        channel = new ClientChannel(new InetSocketAddress(clientIp, 40000));
        initializer.configure(channel.pipeline(), null);
        try {
            channel.register();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static Pop3Settings settings(boolean loginDisabledBeforeTls) {
        return new Pop3Settings("pop3", "pop.example.test", 128, 5, Duration.ofMinutes(10), 1, loginDisabledBeforeTls,
                10);
    }

    static Authenticator authenticator(int maxFailuresPerMinute) {
        AuthSettings auth = new AuthSettings(List.of(SaslMechanism.PLAIN, SaslMechanism.LOGIN, SaslMechanism.CRAM_MD5),
                Duration.ZERO, Duration.ZERO, FAILURE_DELAY, maxFailuresPerMinute);
        return new Authenticator(new TwoUsers(), auth, Clock.systemUTC());
    }

    static MailUser user(String login) {
        return new MailUser(login, "cn=" + login, Path.of("/home", login), 5000, 5000, List.of(login));
    }

    void send(String text) {
        channel.writeInbound(Unpooled.wrappedBuffer(text.getBytes(StandardCharsets.UTF_8)));
        channel.runPendingTasks();
    }

    /** Moves the channel's clock (delayed login replies). */
    void advance(Duration duration) {
        channel.advanceTimeBy(duration.toMillis(), TimeUnit.MILLISECONDS);
        channel.runScheduledPendingTasks();
        channel.runPendingTasks();
    }

    /** Everything the server has written since the last call. */
    String replies() {
        StringBuilder out = new StringBuilder();
        for (Object msg = channel.readOutbound(); msg != null; msg = channel.readOutbound()) {
            ByteBuf buf = (ByteBuf) msg;
            out.append(buf.toString(StandardCharsets.UTF_8));
            buf.release();
        }
        return out.toString();
    }

    /** The greeting, checked and consumed. */
    String greeting() {
        String greeting = replies();
        assertThat(greeting).matches("\\+OK yubin ready\\. <\\d+\\.\\d+@pop\\.example\\.test>\r\n");
        return greeting.substring(greeting.indexOf('<'), greeting.indexOf('>') + 1);
    }

    /** Logs in as {@code alice@example.com} with USER/PASS after the greeting. */
    void login() {
        greeting();
        play("""
                C: USER alice@example.com
                S: +OK
                C: PASS secret
                S: +OK Logged in.
                """);
    }

    /**
     * Plays a transcript: {@code C:} lines are sent (consecutive ones in one segment, as a
     * pipelining client does), then the {@code S:} lines up to the next {@code C:} must be the
     * output exactly; {@code S~} is a regular expression for one line.
     */
    void play(String transcript) {
        // a text block: indentation is gone, but a trailing space ("+ ") must stay
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

    /** {@code alice@example.com} ({@code {PLAIN}} password) and {@code hashed@example.com} (hash only). */
    private static final class TwoUsers implements Directory {
        @Override
        public Optional<MailUser> findRecipient(String address) {
            return Optional.empty();
        }

        @Override
        public Optional<MailUser> authenticate(String login, String password) {
            return Set.of("alice@example.com", "hashed@example.com").contains(login) && PASSWORD.equals(password)
                    ? Optional.of(user(login)) : Optional.empty();
        }

        @Override
        public Optional<CleartextCredential> cleartextPassword(String login) {
            return login.equals("alice@example.com")
                    ? Optional.of(new CleartextCredential(user(login), PASSWORD)) : Optional.empty();
        }

        @Override
        public Set<String> domains() {
            return Set.of("example.com");
        }
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
