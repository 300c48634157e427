package org.yubin.imap;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.yubin.auth.AuthSettings;
import org.yubin.auth.Authenticator;
import org.yubin.auth.SaslMechanism;
import org.yubin.delivery.store.MaildirMailStore;
import org.yubin.directory.Directory;
import org.yubin.directory.MailUser;
import org.yubin.listener.ConnectionCounter;
import org.yubin.testsupport.Temp;
import org.yubin.tls.ListenerTls;

/** The session state machine over an EmbeddedChannel: states, LOGINDISABLED, limits, delayed refusals. */
class ImapSessionTest {

    static final Path HOME = Temp.dir("imap-session");
    static final MailUser USER = new MailUser("u@example.com", "cn=u", HOME.resolve("u"), 5000, 5000,
            List.of("u@example.com"));
    static final MailUser QUOTA_USER = new MailUser("q@example.com", "cn=q", HOME.resolve("q"), 5001, 5000,
            List.of("q@example.com"), 1024);

    private final Directory directory = new Directory() {
        @Override
        public Optional<MailUser> findRecipient(String address) {
            return Optional.empty();
        }

        @Override
        public Optional<MailUser> authenticate(String login, String password) {
            if (!password.equals("pw")) {
                return Optional.empty();
            }
            return Stream.of(USER, QUOTA_USER).filter(user -> user.login().equals(login)).findFirst();
        }

        @Override
        public Set<String> domains() {
            return Set.of("example.com");
        }
    };
    private final Authenticator authenticator = new Authenticator(directory, new AuthSettings(
            List.of(SaslMechanism.PLAIN, SaslMechanism.LOGIN), Duration.ZERO, Duration.ZERO, Duration.ofMillis(50), 100),
            Clock.systemUTC());
    private final ConnectionCounter<String> userSessions = new ConnectionCounter<>();
    private final List<EmbeddedChannel> channels = new java.util.ArrayList<>();

    @AfterEach
    void close() {
        channels.forEach(EmbeddedChannel::finishAndReleaseAll);
    }

    private EmbeddedChannel connect(boolean loginDisabled) throws Exception {
        ImapSettings settings = new ImapSettings("imap", "imap.test", 1000, 10_000, 1, Duration.ofMinutes(30),
                loginDisabled, 10, ListenerTls.NONE);
        ImapServerInitializer initializer = new ImapServerInitializer(settings,
                new ImapServices(new MaildirMailStore("imap.test"), authenticator, userSessions));
        EmbeddedChannel channel = new EmbeddedChannel(false, false);
        initializer.configure(channel.pipeline());
        channel.register();
        channels.add(channel);
        return channel;
    }

    private static String send(EmbeddedChannel channel, String text) {
        channel.writeInbound(Unpooled.copiedBuffer(text, StandardCharsets.UTF_8));
        return output(channel);
    }

    private static String output(EmbeddedChannel channel) {
        channel.runPendingTasks();
        StringBuilder out = new StringBuilder();
        for (Object msg; (msg = channel.readOutbound()) != null; ) {
            ByteBuf buf = (ByteBuf) msg;
            out.append(buf.toString(StandardCharsets.UTF_8));
            buf.release();
        }
        return out.toString();
    }

    @Test
    void commandsOutsideTheirStateAreBadAndLiteralsForThemAreNotInvited() throws Exception {
        EmbeddedChannel channel = connect(false);
        assertThat(output(channel)).startsWith("* OK [CAPABILITY IMAP4rev1 ").contains("AUTH=PLAIN AUTH=LOGIN");
        assertThat(send(channel, "a SELECT INBOX\r\n")).isEqualTo("a BAD Command not valid in this state\r\n");
        assertThat(send(channel, "b APPEND INBOX {5}\r\n")).isEqualTo("b BAD Command not valid in this state\r\n");
        assertThat(send(channel, "c LOGIN u@example.com pw\r\n")).startsWith("c OK [CAPABILITY IMAP4rev1");
        assertThat(send(channel, "d LOGIN u@example.com pw\r\n")).isEqualTo("d BAD Command not valid in this state\r\n");
        assertThat(send(channel, "e FETCH 1 FLAGS\r\n")).isEqualTo("e BAD Command not valid in this state\r\n");
        assertThat(send(channel, "f LOGOUT\r\n")).isEqualTo("* BYE Logging out\r\nf OK Logout completed\r\n");
    }

    @Test
    void loginIsDisabledBeforeTlsWhereConfigured() throws Exception {
        EmbeddedChannel channel = connect(true);
        assertThat(output(channel)).contains("LOGINDISABLED").doesNotContain("AUTH=");
        assertThat(send(channel, "a LOGIN u@example.com pw\r\n")).startsWith("a NO [PRIVACYREQUIRED]");
        assertThat(send(channel, "b AUTHENTICATE PLAIN AHVAZXhhbXBsZS5jb20AcHc=\r\n")).startsWith("b NO [PRIVACYREQUIRED]");
    }

    @Test
    void aWrongPasswordIsAnsweredOnlyAfterTheDelayAndTheThirdEndsTheConnection() throws Exception {
        EmbeddedChannel channel = connect(false);
        output(channel);
        for (int attempt = 1; attempt <= 3; attempt++) {
            assertThat(send(channel, "a" + attempt + " LOGIN u@example.com wrong\r\n")).isEmpty();
            Thread.sleep(80);
            channel.runScheduledPendingTasks();
            String answer = output(channel);
            assertThat(answer).startsWith("a" + attempt + " NO [AUTHENTICATIONFAILED]");
            if (attempt == 3) {
                assertThat(answer).endsWith("* BYE Too many failed logins\r\n");
            }
        }
        assertThat(channel.isOpen()).isFalse();
    }

    @Test
    void aUserOverTheSessionLimitIsRefused() throws Exception {
        EmbeddedChannel first = connect(false);
        EmbeddedChannel second = connect(false);
        assertThat(send(first, "a LOGIN u@example.com pw\r\n")).contains("a OK");
        assertThat(send(second, "a LOGIN u@example.com pw\r\n")).contains("a NO [UNAVAILABLE]");
        first.close();
        assertThat(send(second, "b LOGIN u@example.com pw\r\n")).contains("b OK");
    }

    @Test
    void tooManyProtocolErrorsEndTheSession() throws Exception {
        EmbeddedChannel channel = connect(false);
        output(channel);
        String out = send(channel, "x BOGUS\r\n".repeat(ImapSessionHandler.MAX_ERRORS));
        assertThat(out).endsWith("* BYE Too many invalid IMAP commands.\r\n");
        assertThat(channel.isOpen()).isFalse();
    }

    @Test
    void theQuotaRootReportsStorageInKibAndAnAppendOverQuotaIsRefused() throws Exception {
        EmbeddedChannel channel = connect(false);
        output(channel);
        send(channel, "a LOGIN q@example.com pw\r\n");
        String message = "Subject: q\r\n\r\n" + "x".repeat(583) + "\r\n";
        assertThat(send(channel, "b APPEND INBOX {" + message.length() + "}\r\n")).isEqualTo("+ OK\r\n");
        assertThat(send(channel, message + "\r\n")).matches("b OK \\[APPENDUID \\d+ 1\\] Append completed\r\n");
        assertThat(send(channel, "c GETQUOTAROOT INBOX\r\n"))
                .isEqualTo("* QUOTAROOT \"INBOX\" \"\"\r\n* QUOTA \"\" (STORAGE 1 1)\r\nc OK Getquotaroot completed\r\n");
        send(channel, "d APPEND INBOX {" + message.length() + "}\r\n");
        assertThat(send(channel, message + "\r\n")).startsWith("d NO [OVERQUOTA]");
        assertThat(send(channel, "e SETQUOTA \"\" (STORAGE 100)\r\n")).startsWith("e NO [CANNOT]");
    }
}
