package org.yubin.pop3;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.yubin.delivery.store.MessageFlags.SystemFlag;
import org.yubin.testsupport.LogCapture;
import org.yubin.tls.ListenerTls;

/** The POP3 state machine through its Netty pipeline, against an in-memory INBOX. */
class Pop3SessionTest {

    private final FakeMailStore store = new FakeMailStore();
    private final MaildropLocks locks = new MaildropLocks();
    private Pop3ServerInitializer initializer = initializer(false, 10);
    private final InMemoryMailbox inbox = store.inbox("alice@example.com");

    private Pop3ServerInitializer initializer(boolean loginDisabledBeforeTls, int maxFailures) {
        return new Pop3ServerInitializer(EmbeddedPop3Session.settings(loginDisabledBeforeTls), ListenerTls.NONE,
                EmbeddedPop3Session.authenticator(maxFailures), store, locks);
    }

    @AfterEach
    void stopWorkers() {
        initializer.close();
    }

    private void twoMessages() {
        inbox.add("Subject: one\n\nHello\n.dot line\n..two\nend\n");
        inbox.add("Subject: two\nFrom: a@b\n\nline1\nline2\nline3\n");
    }

    @Test
    void aUserListsRetrievesAndDeletesAndQuitRemovesTheDeletedAndMarksTheRetrievedSeen() {
        twoMessages();
        try (LogCapture log = LogCapture.of(Pop3Session.class);
             EmbeddedPop3Session pop = new EmbeddedPop3Session(initializer, "192.0.2.7")) {
            pop.login();
            pop.play("""
                    C: STAT
                    S: +OK 2 94
                    C: LIST
                    S: +OK 2 messages (94 octets)
                    S: 1 46
                    S: 2 48
                    S: .
                    C: LIST 2
                    S: +OK 2 48
                    C: UIDL
                    S: +OK
                    S: 1 000000015F5E1234
                    S: 2 000000025F5E1234
                    S: .
                    C: UIDL 1
                    S: +OK 1 000000015F5E1234
                    C: RETR 1
                    S: +OK 46 octets
                    S: Subject: one
                    S:\s
                    S: Hello
                    S: ..dot line
                    S: ...two
                    S: end
                    S: .
                    C: DELE 2
                    S: +OK Marked to be deleted.
                    C: STAT
                    S: +OK 1 46
                    C: LIST 2
                    S: -ERR Message is deleted.
                    C: QUIT
                    S: +OK Logging out.
                    """);
            assertThat(inbox.expunged).containsExactly(2L);
            assertThat(inbox.messages.get(1L).flags().system()).containsExactly(SystemFlag.SEEN);
            assertThat(inbox.open).isFalse();
            assertThat(pop.channel.isActive()).isFalse();
            assertThat(log.lines())
                    .contains("pop3: Login: user=<alice@example.com>, method=USER, rip=192.0.2.7, messages=2")
                    .contains("pop3: Disconnected: Logged out: user=<alice@example.com>, rip=192.0.2.7, "
                            + "top=0, retr=1/46, del=1/2, size=94");
        }
    }

    @Test
    void rsetUndeletesAndADisconnectWithoutQuitChangesNothing() {
        twoMessages();
        try (EmbeddedPop3Session pop = new EmbeddedPop3Session(initializer, "192.0.2.7")) {
            pop.login();
            pop.play("""
                    C: DELE 1
                    C: DELE 1
                    C: RSET
                    C: RETR 2
                    S: +OK Marked to be deleted.
                    S: -ERR Message is deleted.
                    S: +OK 2 messages (94 octets)
                    S: +OK 48 octets
                    S: Subject: two
                    S: From: a@b
                    S:\s
                    S: line1
                    S: line2
                    S: line3
                    S: .
                    C: DELE 1
                    S: +OK Marked to be deleted.
                    """);
            pop.channel.close();
        }
        assertThat(inbox.expunged).isEmpty();
        assertThat(inbox.messages.get(2L).flags().system()).isEmpty();
        assertThat(inbox.open).isFalse();
    }

    @Test
    void topSendsTheHeaderTheBlankLineAndTheRequestedBodyLines() {
        twoMessages();
        try (EmbeddedPop3Session pop = new EmbeddedPop3Session(initializer, "192.0.2.7")) {
            pop.login();
            pop.play("""
                    C: TOP 2 2
                    S: +OK
                    S: Subject: two
                    S: From: a@b
                    S:\s
                    S: line1
                    S: line2
                    S: .
                    C: TOP 1 0
                    S: +OK
                    S: Subject: one
                    S:\s
                    S: .
                    C: TOP 1
                    S: -ERR Syntax: TOP msg n
                    C: TOP 3 1
                    S: -ERR There's no message 3.
                    """);
        }
    }

    @Test
    void badMessageNumbersAndCommandsOutOfStateAreRefused() {
        twoMessages();
        try (EmbeddedPop3Session pop = new EmbeddedPop3Session(initializer, "192.0.2.7")) {
            pop.greeting();
            pop.play("""
                    C: STAT
                    S: -ERR STAT not allowed now.
                    C: PASS secret
                    S: -ERR No username given.
                    C: USER alice@example.com
                    S: +OK
                    C: PASS secret
                    S: +OK Logged in.
                    C: USER bob
                    S: -ERR USER not allowed now.
                    C: RETR 0
                    S: -ERR Invalid message number: 0
                    """);
        }
    }

    @Test
    void tooManyBadCommandsCloseTheConnection() {
        try (EmbeddedPop3Session pop = new EmbeddedPop3Session(initializer, "192.0.2.7")) {
            pop.greeting();
            pop.play("""
                    C: FOO
                    C: BAR
                    C: BAZ
                    C: X
                    C: Y
                    C: NOOP
                    S: -ERR Unknown command.
                    S: -ERR Unknown command.
                    S: -ERR Unknown command.
                    S: -ERR Unknown command.
                    S: -ERR Too many bad commands.
                    """);
            assertThat(pop.channel.isActive()).isFalse();
        }
    }

    @Test
    void aTooLongLineIsAnErrorAndTheNextLineWorks() {
        try (EmbeddedPop3Session pop = new EmbeddedPop3Session(initializer, "192.0.2.7")) {
            pop.greeting();
            pop.send("USER " + "x".repeat(200) + "\r\n");
            assertThat(pop.replies()).isEqualTo("-ERR Line too long.\r\n");
            pop.play("""
                    C: USER alice@example.com
                    S: +OK
                    """);
        }
    }

    @Test
    void aWrongPasswordIsAnsweredOnlyAfterTheFailureDelay() {
        try (LogCapture log = LogCapture.of(Pop3Session.class);
             EmbeddedPop3Session pop = new EmbeddedPop3Session(initializer, "192.0.2.7")) {
            pop.greeting();
            pop.send("USER alice@example.com\r\nPASS wrong\r\nUSER alice@example.com\r\n");
            assertThat(pop.replies()).isEqualTo("+OK\r\n");
            pop.advance(EmbeddedPop3Session.FAILURE_DELAY.minusMillis(100));
            assertThat(pop.replies()).isEmpty();
            pop.advance(Duration.ofMillis(100));
            assertThat(pop.replies()).isEqualTo("-ERR [AUTH] Authentication failed.\r\n+OK\r\n");
            assertThat(log.lines()).contains("pop3: auth failed: wrong password or unknown user: "
                    + "user=<alice@example.com>, method=USER, rip=192.0.2.7");
        }
    }

    @Test
    void aClientOverItsFailureLimitIsRefusedWithoutACheck() {
        initializer.close();
        initializer = initializer(false, 1);
        try (EmbeddedPop3Session pop = new EmbeddedPop3Session(initializer, "192.0.2.8")) {
            pop.greeting();
            pop.send("USER alice@example.com\r\nPASS wrong\r\n");
            pop.advance(EmbeddedPop3Session.FAILURE_DELAY);
            assertThat(pop.replies()).isEqualTo("+OK\r\n-ERR [AUTH] Authentication failed.\r\n");
            pop.send("USER alice@example.com\r\nPASS secret\r\n");
            pop.advance(EmbeddedPop3Session.FAILURE_DELAY.multipliedBy(2));
            assertThat(pop.replies()).isEqualTo(
                    "+OK\r\n-ERR [SYS/TEMP] Too many authentication failures, try again later.\r\n");
        }
    }

    @Test
    void aSecondSessionOfTheSameUserGetsInUseUntilTheFirstEnds() {
        try (EmbeddedPop3Session first = new EmbeddedPop3Session(initializer, "192.0.2.7");
             EmbeddedPop3Session second = new EmbeddedPop3Session(initializer, "192.0.2.9")) {
            first.login();
            second.greeting();
            second.play("""
                    C: USER alice@example.com
                    S: +OK
                    C: PASS secret
                    S: -ERR [IN-USE] Mailbox is locked by another POP3 session.
                    """);
            first.play("""
                    C: QUIT
                    S: +OK Logging out.
                    """);
            second.play("""
                    C: USER alice@example.com
                    S: +OK
                    C: PASS secret
                    S: +OK Logged in.
                    """);
        }
    }

    @Test
    void apopAcceptsTheDigestOfTheGreetingsTimestampAndTheCleartextPassword() throws Exception {
        try (EmbeddedPop3Session pop = new EmbeddedPop3Session(initializer, "192.0.2.7")) {
            String timestamp = pop.greeting();
            String digest = HexFormat.of().formatHex(MessageDigest.getInstance("MD5")
                    .digest((timestamp + "secret").getBytes(StandardCharsets.UTF_8)));
            pop.send("APOP alice@example.com " + digest + "\r\n");
            assertThat(pop.replies()).isEqualTo("+OK Logged in.\r\n");
        }
    }

    @Test
    void apopFailsForAWrongDigestAndForAUserWithoutACleartextPassword() throws Exception {
        try (EmbeddedPop3Session pop = new EmbeddedPop3Session(initializer, "192.0.2.7")) {
            String timestamp = pop.greeting();
            String digest = HexFormat.of().formatHex(MessageDigest.getInstance("MD5")
                    .digest((timestamp + "secret").getBytes(StandardCharsets.UTF_8)));
            pop.send("APOP hashed@example.com " + digest + "\r\n");
            pop.advance(EmbeddedPop3Session.FAILURE_DELAY);
            pop.send("APOP alice@example.com " + "0".repeat(32) + "\r\n");
            pop.advance(EmbeddedPop3Session.FAILURE_DELAY);
            assertThat(pop.replies()).isEqualTo(
                    "-ERR [AUTH] Authentication failed.\r\n-ERR [AUTH] Authentication failed.\r\n");
        }
    }

    @Test
    void authPlainWorksWithAnInitialResponseAndWithAContinuationAndStarCancels() {
        String plain = Base64.getEncoder().encodeToString("\0alice@example.com\0secret".getBytes(StandardCharsets.UTF_8));
        try (EmbeddedPop3Session pop = new EmbeddedPop3Session(initializer, "192.0.2.7")) {
            pop.greeting();
            pop.play("""
                    C: AUTH
                    S: +OK
                    S: PLAIN
                    S: LOGIN
                    S: CRAM-MD5
                    S: .
                    C: AUTH PLAIN
                    S: +\s
                    C: *
                    S: -ERR Authentication aborted by client.
                    C: AUTH SCRAM-SHA-1
                    S: -ERR Unsupported authentication mechanism.
                    C: AUTH PLAIN
                    S: +\s
                    C: %s
                    S: +OK Logged in.
                    """.formatted(plain));
        }
        inbox.close();
        try (EmbeddedPop3Session pop = new EmbeddedPop3Session(initializer, "192.0.2.7")) {
            pop.greeting();
            pop.play("""
                    C: AUTH PLAIN %s
                    S: +OK Logged in.
                    """.formatted(plain));
        }
    }

    @Test
    void capaListsUserSaslAndNoStlsWithoutTlsAndLessAfterLogin() {
        try (EmbeddedPop3Session pop = new EmbeddedPop3Session(initializer, "192.0.2.7")) {
            pop.greeting();
            pop.play("""
                    C: CAPA
                    S: +OK Capability list follows
                    S: CAPA
                    S: TOP
                    S: UIDL
                    S: RESP-CODES
                    S: PIPELINING
                    S: AUTH-RESP-CODE
                    S: USER
                    S: SASL PLAIN LOGIN CRAM-MD5
                    S: EXPIRE NEVER
                    S: IMPLEMENTATION yubin
                    S: .
                    C: USER alice@example.com
                    C: PASS secret
                    C: CAPA
                    S: +OK
                    S: +OK Logged in.
                    S: +OK Capability list follows
                    S: CAPA
                    S: TOP
                    S: UIDL
                    S: RESP-CODES
                    S: PIPELINING
                    S: AUTH-RESP-CODE
                    S: EXPIRE NEVER
                    S: IMPLEMENTATION yubin
                    S: .
                    """);
        }
    }

    @Test
    void withLoginDisabledBeforeTlsUserAndPlainAreRefusedButCramMd5IsOffered() {
        initializer.close();
        initializer = initializer(true, 10);
        try (EmbeddedPop3Session pop = new EmbeddedPop3Session(initializer, "192.0.2.7")) {
            pop.greeting();
            pop.play("""
                    C: USER alice@example.com
                    S: -ERR [AUTH] Plaintext authentication disallowed on non-secure (SSL/TLS) connections.
                    C: AUTH PLAIN
                    S: -ERR [AUTH] Plaintext authentication disallowed on non-secure (SSL/TLS) connections.
                    C: CAPA
                    S: +OK Capability list follows
                    S: CAPA
                    S: TOP
                    S: UIDL
                    S: RESP-CODES
                    S: PIPELINING
                    S: AUTH-RESP-CODE
                    S: SASL CRAM-MD5
                    S: EXPIRE NEVER
                    S: IMPLEMENTATION yubin
                    S: .
                    """);
        }
    }

    @Test
    void aFailedExpungeAtQuitIsAnErrAndTheLockIsReleased() {
        twoMessages();
        inbox.failExpunge = true;
        try (EmbeddedPop3Session pop = new EmbeddedPop3Session(initializer, "192.0.2.7")) {
            pop.login();
            pop.play("""
                    C: DELE 1
                    C: QUIT
                    S: +OK Marked to be deleted.
                    S: -ERR [SYS/TEMP] Some deleted messages could not be removed.
                    """);
        }
        assertThat(locks.tryLock(EmbeddedPop3Session.user("alice@example.com").maildir())).isTrue();
    }

    @Test
    void aMessageRemovedByAnotherSessionMeanwhileIsAnErr() {
        twoMessages();
        inbox.vanished.add(1L);
        try (EmbeddedPop3Session pop = new EmbeddedPop3Session(initializer, "192.0.2.7")) {
            pop.login();
            pop.play("""
                    C: RETR 1
                    S: -ERR Message was removed by another session.
                    C: NOOP
                    S: +OK
                    """);
        }
    }

    @Test
    void quitInAuthorizationJustSaysGoodbye() {
        try (EmbeddedPop3Session pop = new EmbeddedPop3Session(initializer, "192.0.2.7")) {
            pop.greeting();
            pop.play("""
                    C: QUIT
                    C: NOOP
                    S: +OK Logging out.
                    """);
            assertThat(pop.channel.isActive()).isFalse();
        }
    }

    @Test
    void aSilentSessionIsDisconnectedAfterTheIdleTimeoutWithoutUpdate() throws InterruptedException {
        twoMessages();
        initializer.close();
        initializer = new Pop3ServerInitializer(new Pop3Settings("pop3", "pop.example.test", 128, 5,
                Duration.ofMillis(200), 1, false, 10), ListenerTls.NONE, EmbeddedPop3Session.authenticator(10), store,
                locks);
        try (EmbeddedPop3Session pop = new EmbeddedPop3Session(initializer, "192.0.2.7")) {
            pop.login();
            pop.play("""
                    C: DELE 1
                    S: +OK Marked to be deleted.
                    """);
            Thread.sleep(300);
            pop.channel.runPendingTasks();
            pop.channel.runScheduledPendingTasks();
            assertThat(pop.replies()).isEqualTo("-ERR Disconnected for inactivity.\r\n");
            assertThat(pop.channel.isActive()).isFalse();
        }
        assertThat(inbox.expunged).isEmpty();
    }

    @Test
    void aConnectionPastTheListenersLimitIsRefusedWithSysTempAndTheSlotIsFreedWhenAnotherCloses() {
        initializer.close();
        initializer = new Pop3ServerInitializer(new Pop3Settings("pop3", "pop.example.test", 128, 5,
                Duration.ofMinutes(10), 1, false, 1), ListenerTls.NONE, EmbeddedPop3Session.authenticator(10), store,
                locks);
        try (EmbeddedPop3Session first = new EmbeddedPop3Session(initializer, "192.0.2.7")) {
            first.greeting();
            try (EmbeddedPop3Session second = new EmbeddedPop3Session(initializer, "192.0.2.8")) {
                assertThat(second.replies()).isEqualTo("-ERR [SYS/TEMP] Too many connections, try later\r\n");
                assertThat(second.channel.isActive()).isFalse();
            }
        }
        try (EmbeddedPop3Session third = new EmbeddedPop3Session(initializer, "192.0.2.9")) {
            third.greeting();
        }
    }
}
