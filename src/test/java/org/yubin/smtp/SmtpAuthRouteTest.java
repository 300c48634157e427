package org.yubin.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.yubin.auth.AuthSettings;
import org.yubin.auth.Authenticator;
import org.yubin.auth.SaslMechanism;
import org.yubin.directory.CleartextCredential;
import org.yubin.directory.Directory;
import org.yubin.directory.MailUser;
import org.yubin.queue.EnvelopeHeaders;
import org.yubin.smtp.hook.AuthenticationRequiredHook;
import org.yubin.smtp.hook.SenderLoginMatchHook;
import org.yubin.smtp.hook.SmtpPolicy;
import org.yubin.testsupport.LogCapture;
import org.yubin.testsupport.SmtpTestClient;
import org.yubin.testsupport.TestMailSystem;
import org.yubin.tls.ListenerTls;

/**
 * SMTP AUTH (RFC 4954) in a real camel-netty route: a plain-text submission listener
 * with AUTH allowed before TLS (the TLS listeners are tested end to end), the submission
 * MAIL hooks, and an {@link Authenticator} on an in-memory directory with a short failure
 * delay. Clients connect from 127.0.0.1 and 127.0.0.2 to test the per-address limit.
 */
class SmtpAuthRouteTest {

    private static final Duration FAILURE_DELAY = Duration.ofMillis(300);
    private static final String ALICE = "alice@example.com";

    private static CamelContext camel;
    private static SmtpServerInitializer submission;
    private static SmtpServerInitializer mx;
    private static int submissionPort;
    private static int mxPort;
    private static MockEndpoint incoming;

    @BeforeAll
    static void startRoutes() throws Exception {
        Authenticator authenticator = new Authenticator(new OneUserDirectory(), new AuthSettings(
                List.of(SaslMechanism.PLAIN, SaslMechanism.LOGIN, SaslMechanism.CRAM_MD5, SaslMechanism.SCRAM_SHA_256),
                Duration.ofMinutes(30), Duration.ofMinutes(1), FAILURE_DELAY, 10), Clock.systemUTC());
        SmtpListenerSettings settings = new SmtpListenerSettings("submission", "mx.yubin.test", 512, 100_000, 10, 50,
                10, Duration.ofSeconds(30), ClientNetworks.parse(List.of()));
        SmtpPolicy policy = new SmtpPolicy(List.of(new AuthenticationRequiredHook(), new SenderLoginMatchHook()),
                SmtpPolicy.standard(settings).rcptHooks());
        submission = new SmtpServerInitializer(settings, new FakeRecipientResolver(), ListenerTls.NONE,
                new SmtpAuth(authenticator, false), policy, Clock.systemDefaultZone());
        SmtpListenerSettings mxSettings = new SmtpListenerSettings("mx", "mx.yubin.test", 512, 100_000, 10, 20,
                10, Duration.ofSeconds(30), ClientNetworks.parse(List.of()));
        mx = new SmtpServerInitializer(mxSettings, new FakeRecipientResolver());
        submissionPort = TestMailSystem.freePort();
        mxPort = TestMailSystem.freePort();
        camel = new DefaultCamelContext();
        camel.getRegistry().bind("submissionServerInitializer", submission);
        camel.getRegistry().bind("mxServerInitializer", mx);
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("netty:tcp://127.0.0.1:" + submissionPort
                        + "?serverInitializerFactory=#submissionServerInitializer&sync=true").to("mock:incoming");
                from("netty:tcp://127.0.0.1:" + mxPort + "?serverInitializerFactory=#mxServerInitializer&sync=true")
                        .to("mock:incoming");
            }
        });
        camel.start();
        incoming = camel.getEndpoint("mock:incoming", MockEndpoint.class);
    }

    @AfterAll
    static void stopRoutes() {
        camel.stop();
    }

    @BeforeEach
    void resetMock() {
        incoming.reset();
    }

    @Test
    void anAuthenticatedUserRelaysAsItselfAndTheMessageCarriesTheLoginAndEsmtpa() throws Exception {
        try (LogCapture log = LogCapture.of(SmtpSessionHandler.class);
             SmtpTestClient smtp = client("127.0.0.3")) {
            assertThat(ehlo(smtp)).contains("250-AUTH PLAIN LOGIN CRAM-MD5 SCRAM-SHA-256");
            assertThat(smtp.command("AUTH PLAIN " + plain(ALICE, "secret"))).isEqualTo("235 2.7.0 Authentication successful");
            assertThat(smtp.send(ALICE, "friend@remote.test", "Subject: hi\r\n\r\nhello\r\n".getBytes(StandardCharsets.US_ASCII)))
                    .startsWith("250 2.0.0 Ok: queued as ");
            smtp.command("QUIT");

            Exchange exchange = incoming.getReceivedExchanges().get(0);
            assertThat(exchange.getIn().getHeader(EnvelopeHeaders.AUTH_USER)).isEqualTo(ALICE);
            assertThat(exchange.getIn().getBody(String.class)).contains("\tby mx.yubin.test (yubin) with ESMTPA id ");
            assertThat(log.lines()).containsPattern(
                    ": client=unknown\\[127\\.0\\.0\\.3\\], sasl_method=PLAIN, sasl_username=alice@example\\.com");
        }
    }

    @Test
    void loginWithChallengesAndPlainWithAnEmptyChallengeBothSucceed() throws Exception {
        try (SmtpTestClient smtp = client("127.0.0.3")) {
            ehlo(smtp);
            assertThat(smtp.command("AUTH LOGIN")).isEqualTo("334 " + b64("Username:"));
            assertThat(smtp.command(b64(ALICE))).isEqualTo("334 " + b64("Password:"));
            assertThat(smtp.command(b64("secret"))).startsWith("235 2.7.0");
        }
        try (SmtpTestClient smtp = client("127.0.0.3")) {
            ehlo(smtp);
            assertThat(smtp.command("AUTH PLAIN")).isEqualTo("334 ");
            assertThat(smtp.command(plain(ALICE, "secret"))).startsWith("235 2.7.0");
        }
    }

    @Test
    void scramSendsTheServerSignatureAsAChallengeAndSucceedsAfterTheEmptyAnswer() throws Exception {
        org.yubin.testsupport.ScramClient scram = org.yubin.testsupport.ScramClient.sha256(ALICE, "secret", "n,,");
        try (SmtpTestClient smtp = client("127.0.0.3")) {
            ehlo(smtp);
            String serverFirst = smtp.command("AUTH SCRAM-SHA-256 " + b64(scram.first()));
            assertThat(serverFirst).startsWith("334 ");
            String serverFinal = smtp.command(b64(scram.last(unb64(serverFirst.substring(4)))));
            assertThat(scram.verifies(unb64(serverFinal.substring(4)))).isTrue();
            assertThat(smtp.command("")).startsWith("235 2.7.0");
        }
    }

    @Test
    void authTwiceInATransactionWithBadBase64OrCancelledGetsTheRfc4954Replies() throws Exception {
        try (SmtpTestClient smtp = client("127.0.0.3")) {
            assertThat(smtp.command("AUTH PLAIN " + plain(ALICE, "secret"))).startsWith("503 5.5.1");
            ehlo(smtp);
            assertThat(smtp.command("AUTH DIGEST-MD5")).startsWith("504 5.5.4");
            assertThat(smtp.command("AUTH PLAIN !!!notbase64")).startsWith("501 5.5.2");
            assertThat(smtp.command("AUTH LOGIN")).startsWith("334 ");
            assertThat(smtp.command("*")).isEqualTo("501 5.7.0 Authentication aborted");
            assertThat(smtp.command("AUTH LOGIN")).startsWith("334 ");
            assertThat(smtp.command("%%%")).startsWith("501 5.5.2");
            assertThat(smtp.command("NOOP")).startsWith("250");
            assertThat(smtp.command("AUTH PLAIN " + plain(ALICE, "secret"))).startsWith("235");
            assertThat(smtp.command("AUTH PLAIN " + plain(ALICE, "secret"))).startsWith("503 5.5.1");
        }
        try (SmtpTestClient smtp = client("127.0.0.3")) {
            ehlo(smtp);
            assertThat(smtp.command("AUTH PLAIN " + plain(ALICE, "secret"))).startsWith("235");
            assertThat(smtp.command("MAIL FROM:<" + ALICE + ">")).startsWith("250");
            assertThat(smtp.command("RSET")).startsWith("250");
        }
    }

    @Test
    void authDuringAMailTransactionIsRefused() throws Exception {
        try (SmtpTestClient smtp = client("127.0.0.3")) {
            ehlo(smtp);
            smtp.command("AUTH PLAIN " + plain(ALICE, "secret"));
            smtp.command("MAIL FROM:<" + ALICE + ">");
            assertThat(smtp.command("AUTH LOGIN")).startsWith("503 5.5.1");
        }
    }

    @Test
    void mailWithoutAuthNeedsAuthenticationAndAForeignSenderIsRefused() throws Exception {
        try (SmtpTestClient smtp = client("127.0.0.3")) {
            ehlo(smtp);
            assertThat(smtp.command("MAIL FROM:<" + ALICE + ">")).isEqualTo("530 5.7.0 Authentication required");
            smtp.command("AUTH PLAIN " + plain(ALICE, "secret"));
            assertThat(smtp.command("MAIL FROM:<bob@example.com>"))
                    .isEqualTo("553 5.7.1 <bob@example.com>: Sender address rejected: not owned by user alice@example.com");
            assertThat(smtp.command("MAIL FROM:<Alias@Example.com>")).startsWith("250 2.1.0");
        }
    }

    @Test
    void theMxOffersNoAuth() throws Exception {
        try (SmtpTestClient smtp = new SmtpTestClient(mxPort)) {
            smtp.reply();
            smtp.write("EHLO client.test\r\n");
            assertThat(readEhlo(smtp)).doesNotContain("AUTH");
            assertThat(smtp.command("AUTH PLAIN " + plain(ALICE, "secret"))).startsWith("503 5.5.1");
        }
    }

    @Test
    void wrongPasswordsAreAnsweredLateAndPastTheLimitRefusedWhileAnotherAddressIsNotSlowed() throws Exception {
        try (SmtpTestClient attacker = client("127.0.0.1"); SmtpTestClient other = client("127.0.0.2")) {
            ehlo(attacker);
            ehlo(other);
            long[] millis = new long[20];
            String[] replies = new String[20];
            for (int i = 0; i < 20; i++) {
                long start = System.nanoTime();
                replies[i] = attacker.command("AUTH PLAIN " + plain(ALICE, "guess" + i));
                millis[i] = (System.nanoTime() - start) / 1_000_000;
            }
            for (int i = 0; i < 10; i++) {
                assertThat(replies[i]).startsWith("535 5.7.8 Error: authentication failed: ");
                assertThat(millis[i]).as("attempt %d", i + 1).isGreaterThanOrEqualTo(FAILURE_DELAY.toMillis() - 20);
            }
            for (int i = 10; i < 20; i++) {
                assertThat(replies[i]).isEqualTo("454 4.7.0 Too many authentication failures");
                assertThat(millis[i]).as("attempt %d", i + 1).isGreaterThanOrEqualTo(2 * FAILURE_DELAY.toMillis() - 20);
            }
            // even the right password is refused from the attacker's address now
            assertThat(attacker.command("AUTH PLAIN " + plain(ALICE, "secret"))).startsWith("454 4.7.0");

            // while the attacker waits for its reply, the other address logs in at once
            attacker.write("AUTH PLAIN " + plain(ALICE, "again") + "\r\n");
            long start = System.nanoTime();
            assertThat(other.command("AUTH PLAIN " + plain(ALICE, "secret"))).startsWith("235");
            assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(FAILURE_DELAY.toMillis());
            assertThat(attacker.reply()).startsWith("454 4.7.0");
        }
        try (SmtpTestClient other = client("127.0.0.2")) {
            ehlo(other);
            long start = System.nanoTime();
            assertThat(other.command("AUTH PLAIN " + plain(ALICE, "wrong"))).startsWith("535 5.7.8");
            long millis = (System.nanoTime() - start) / 1_000_000;
            assertThat(millis).isBetween(FAILURE_DELAY.toMillis() - 20, 2 * FAILURE_DELAY.toMillis() - 20);
        }
    }

    private static SmtpTestClient client(String localAddress) throws Exception {
        SmtpTestClient smtp = new SmtpTestClient(localAddress, submissionPort);
        smtp.reply();
        return smtp;
    }

    private static String ehlo(SmtpTestClient smtp) throws Exception {
        smtp.write("EHLO client.test\r\n");
        return readEhlo(smtp);
    }

    /** The whole multi-line EHLO reply. */
    private static String readEhlo(SmtpTestClient smtp) throws Exception {
        StringBuilder all = new StringBuilder();
        String line;
        do {
            line = smtp.line();
            all.append(line).append('\n');
        } while (line.length() > 3 && line.charAt(3) == '-');
        return all.toString();
    }

    private static String plain(String login, String password) {
        return b64("\0" + login + "\0" + password);
    }

    private static String b64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    private static String unb64(String text) {
        return new String(Base64.getDecoder().decode(text), StandardCharsets.UTF_8);
    }

    /** alice@example.com, password {@code secret} in cleartext, also reachable as alias@example.com. */
    private static final class OneUserDirectory implements Directory {
        private static final MailUser ALICE_USER = new MailUser(ALICE, "cn=" + ALICE,
                java.nio.file.Path.of("/var/mail/alice"), 1000, 1000, List.of(ALICE, "alias@example.com"));

        @Override
        public Optional<MailUser> findRecipient(String address) {
            return Optional.empty();
        }

        @Override
        public Optional<MailUser> authenticate(String login, String password) {
            return login.equalsIgnoreCase(ALICE) && password.equals("secret") ? Optional.of(ALICE_USER) : Optional.empty();
        }

        @Override
        public Optional<CleartextCredential> cleartextPassword(String login) {
            return login.equalsIgnoreCase(ALICE) ? Optional.of(new CleartextCredential(ALICE_USER, "secret")) : Optional.empty();
        }

        @Override
        public Set<String> domains() {
            return Set.of("example.com");
        }
    }
}
