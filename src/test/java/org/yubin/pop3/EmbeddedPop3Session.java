package org.yubin.pop3;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import io.netty.channel.embedded.EmbeddedChannel;
import org.yubin.auth.AuthSettings;
import org.yubin.auth.Authenticator;
import org.yubin.auth.SaslMechanism;
import org.yubin.directory.CleartextCredential;
import org.yubin.directory.Directory;
import org.yubin.directory.MailUser;
import org.yubin.testsupport.EmbeddedServerSession;

/**
 * A POP3 pipeline in an {@link EmbeddedChannel} on the channel's own thread, with a fake
 * store and a directory of two users ({@code alice@example.com} with a cleartext password,
 * {@code hashed@example.com} without). The failure delay is 2 s of the channel's clock:
 * {@link #advance} moves it.
 */
final class EmbeddedPop3Session extends EmbeddedServerSession {

    static final String PASSWORD = "secret";
    static final Duration FAILURE_DELAY = Duration.ofSeconds(2);

    EmbeddedPop3Session(Pop3ServerInitializer initializer, String clientIp) {
        super(clientIp, pipeline -> initializer.configure(pipeline, null));
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

    /** Moves the channel's clock (delayed login replies). */
    void advance(Duration duration) {
        channel.advanceTimeBy(duration.toMillis(), TimeUnit.MILLISECONDS);
        channel.runScheduledPendingTasks();
        channel.runPendingTasks();
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
}
