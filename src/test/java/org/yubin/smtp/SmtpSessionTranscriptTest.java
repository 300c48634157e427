package org.yubin.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * SMTP sessions as C:/S: transcripts through the real pipeline in an EmbeddedChannel,
 * with a stand-in for Camel that acknowledges every message unless a test says otherwise.
 */
class SmtpSessionTranscriptTest {

    private static final String EHLO_REPLY = """
            S: 250-mx.yubin.test
            S: 250-PIPELINING
            S: 250-SIZE 1000
            S: 250-ENHANCEDSTATUSCODES
            S: 250-8BITMIME
            S: 250-SMTPUTF8
            S: 250 CHUNKING
            """;

    private final SmtpServerInitializer initializer = EmbeddedSmtpSession.initializer(EmbeddedSmtpSession.settings());

    private EmbeddedSmtpSession client(String ip) {
        return new EmbeddedSmtpSession(initializer, ip, message -> "queued");
    }

    @Test
    void aFullTransactionQueuesTheMessageWithItsEnvelopeAndOneReceivedHeader() {
        try (EmbeddedSmtpSession c = client("127.0.0.1")) {
            c.play("""
                    S: 220 mx.yubin.test ESMTP yubin
                    C: EHLO client.test
                    """ + EHLO_REPLY + """
                    C: MAIL FROM:<sender@remote.test> SIZE=100 BODY=8BITMIME
                    S: 250 2.1.0 Ok
                    C: RCPT TO:<alice@example.com>
                    S: 250 2.1.5 Ok
                    C: DATA
                    S: 354 End data with <CR><LF>.<CR><LF>
                    C: Subject: hi
                    C:
                    C: ..dot
                    C: .
                    S~ 250 2\\.0\\.0 Ok: queued as [0-9A-Z]{17}
                    C: QUIT
                    S: 221 2.0.0 Bye
                    """);
            assertThat(c.channel.isOpen()).isFalse();
            assertThat(c.queued).hasSize(1);
            AcceptedMessage m = c.queued.get(0);
            assertThat(m.mailFrom()).isEqualTo("sender@remote.test");
            assertThat(m.recipients()).containsExactly("alice@example.com");
            assertThat(m.clientAddress()).isEqualTo("127.0.0.1");
            assertThat(m.helo()).isEqualTo("client.test");
            assertThat(m.listener()).isEqualTo("mx");
            assertThat(m.arrivalTime()).isEqualTo(EmbeddedSmtpSession.CLOCK.millis());
            assertThat(new String(m.content(), StandardCharsets.UTF_8)).isEqualTo(
                    "Received: from client.test (unknown [127.0.0.1])\r\n"
                    + "\tby mx.yubin.test (yubin) with ESMTP id " + m.queueId() + "\r\n"
                    + "\tfor <alice@example.com>; Tue, 3 Jun 2025 10:02:03 +0900\r\n"
                    + "Subject: hi\r\n\r\n.dot\r\n");
        }
    }

    @Test
    void pipelinedCommandsAreAnsweredInOrderAndWaitWhileTheMessageIsWithTheQueue() {
        try (EmbeddedSmtpSession c = new EmbeddedSmtpSession(initializer, "127.0.0.1", message -> null)) {
            c.replies();
            c.send("EHLO a\r\nMAIL FROM:<>\r\nRCPT TO:<alice@example.com>\r\nRCPT TO:<bob@example.com>\r\n"
                    + "DATA\r\nbody\r\n.\r\nNOOP\r\nQUIT\r\n");
            assertThat(c.replies()).endsWith("250 CHUNKING\r\n250 2.1.0 Ok\r\n250 2.1.5 Ok\r\n250 2.1.5 Ok\r\n"
                    + "354 End data with <CR><LF>.<CR><LF>\r\n");
            assertThat(c.channel.config().isAutoRead()).isFalse();
            assertThat(c.queued).hasSize(1);
            // the route's handler is woken for the message, not for each read
            assertThat(c.readCompletes).hasValue(0);
            c.complete("queued");
            assertThat(c.replies()).matches("250 2.0.0 Ok: queued as \\w+\r\n250 2.0.0 Ok\r\n221 2.0.0 Bye\r\n");
            assertThat(new String(c.queued.get(0).content(), StandardCharsets.UTF_8))
                    .contains("with ESMTP id " + c.queued.get(0).queueId() + ";\r\n\t")
                    .doesNotContain("for <");
        }
    }

    @Test
    void aClientThatWaitsForItsAnswerKeepsTheSocketReadableAndOneThatSendsMeanwhileStopsIt() {
        try (EmbeddedSmtpSession c = new EmbeddedSmtpSession(initializer, "127.0.0.1", message -> null)) {
            c.replies();
            c.send("HELO a\r\nMAIL FROM:<>\r\nRCPT TO:<alice@example.com>\r\nDATA\r\n");
            c.replies();
            c.send("body\r\n.\r\n");
            assertThat(c.queued).hasSize(1);
            assertThat(c.channel.config().isAutoRead()).as("nothing waits: no change of read interest").isTrue();
            c.send("NOOP\r\n");
            assertThat(c.channel.config().isAutoRead()).as("input while the message is queued").isFalse();
            assertThat(c.replies()).isEmpty();
            c.complete("queued");
            assertThat(c.replies()).matches("250 2.0.0 Ok: queued as \\w+\r\n250 2.0.0 Ok\r\n");
            assertThat(c.channel.config().isAutoRead()).isTrue();
        }
    }

    @Test
    void everyOtherCommandGetsItsReply() {
        try (EmbeddedSmtpSession c = client("127.0.0.1")) {
            c.play("""
                    S: 220 mx.yubin.test ESMTP yubin
                    C: MAIL FROM:<a@b.test>
                    S: 503 5.5.1 Error: send HELO/EHLO first
                    C: HELO
                    S: 501 5.5.4 Syntax: HELO hostname
                    C: HELO client.test
                    S: 250 mx.yubin.test
                    C: RCPT TO:<alice@example.com>
                    S: 503 5.5.1 Error: need MAIL command
                    C: DATA
                    S: 503 5.5.1 Error: need MAIL command
                    C: NOOP
                    S: 250 2.0.0 Ok
                    C: HELP
                    S: 214 2.0.0 Commands: EHLO HELO MAIL RCPT DATA BDAT RSET NOOP VRFY HELP QUIT
                    C: VRFY alice
                    S: 252 2.0.0 Send mail to find out
                    C: FROB nicate
                    S: 500 5.5.1 Error: command not recognized
                    """);
        }
        try (EmbeddedSmtpSession c = client("127.0.0.1")) {
            c.play("""
                    S: 220 mx.yubin.test ESMTP yubin
                    C: EHLO client.test
                    """ + EHLO_REPLY + """
                    C: MAIL TO:<a@b.test>
                    S: 501 5.5.4 Syntax: MAIL FROM:<address>
                    C: MAIL FROM:<a@@b>
                    S: 501 5.1.7 Bad sender address syntax
                    C: MAIL FROM:<a@b.test> SIZE=5000
                    S: 552 5.3.4 Message size exceeds fixed limit
                    C: MAIL FROM:<a@b.test> AUTH=<>
                    S: 555 5.5.4 Unsupported option: AUTH
                    C: MAIL FROM:<a@b.test>
                    S: 250 2.1.0 Ok
                    C: MAIL FROM:<a@b.test>
                    S: 503 5.5.1 Error: nested MAIL command
                    C: DATA
                    S: 503 5.5.1 Error: need RCPT command
                    C: RCPT TO:<not an address>
                    S: 501 5.1.3 Bad recipient address syntax
                    C: RSET
                    S: 250 2.0.0 Ok
                    C: RCPT TO:<alice@example.com>
                    S: 503 5.5.1 Error: need MAIL command
                    """);
        }
    }

    @Test
    void anOverLongCommandLineIsRefusedAndTheConnectionStaysUsable() {
        try (EmbeddedSmtpSession c = client("127.0.0.1")) {
            c.play("""
                    S: 220 mx.yubin.test ESMTP yubin
                    C: HELO x""" + "x".repeat(100) + """

                    S: 500 5.5.2 Error: line too long
                    C: NOOP
                    S: 250 2.0.0 Ok
                    """);
        }
    }

    @Test
    void anOversizedMessageIsReadToItsEndThenRefusedAndTheConnectionStaysUsable() {
        try (EmbeddedSmtpSession c = client("127.0.0.1")) {
            c.send("EHLO a\r\nMAIL FROM:<a@b.test>\r\nRCPT TO:<alice@example.com>\r\nDATA\r\n");
            c.replies();
            for (int i = 0; i < 30; i++) {
                c.send("0123456789012345678901234567890123456789\r\n");
            }
            assertThat(c.replies()).isEmpty();
            c.play("""
                    C: .
                    S: 552 5.3.4 Message size exceeds fixed limit
                    C: MAIL FROM:<a@b.test>
                    S: 250 2.1.0 Ok
                    """);
            assertThat(c.queued).isEmpty();
        }
    }

    @Test
    void recipientsPastTheLimitAreRefusedWhileTheTransactionGoesOn() {
        try (EmbeddedSmtpSession c = client("127.0.0.1")) {
            c.play("""
                    S: 220 mx.yubin.test ESMTP yubin
                    C: HELO a
                    S: 250 mx.yubin.test
                    C: MAIL FROM:<a@b.test>
                    C: RCPT TO:<alice@example.com>
                    C: RCPT TO:<bob@example.com>
                    C: RCPT TO:<carol@remote.test>
                    C: RCPT TO:<dave@remote.test>
                    C: DATA
                    S: 250 2.1.0 Ok
                    S: 250 2.1.5 Ok
                    S: 250 2.1.5 Ok
                    S: 250 2.1.5 Ok
                    S: 452 4.5.3 Error: too many recipients
                    S: 354 End data with <CR><LF>.<CR><LF>
                    C: x
                    C: .
                    S~ 250 2.0.0 Ok: queued as \\w+
                    """);
            assertThat(c.queued.get(0).recipients())
                    .containsExactly("alice@example.com", "bob@example.com", "carol@remote.test");
            assertThat(new String(c.queued.get(0).content(), StandardCharsets.US_ASCII)).contains(" with SMTP id ");
        }
    }

    @Test
    void aStrangerCannotRelayNorReachUnknownUsers() {
        try (EmbeddedSmtpSession c = client("192.0.2.10")) {
            c.play("""
                    S: 220 mx.yubin.test ESMTP yubin
                    C: EHLO stranger.test
                    """ + EHLO_REPLY + """
                    C: MAIL FROM:<x@stranger.test>
                    S: 250 2.1.0 Ok
                    C: RCPT TO:<someone@remote.test>
                    S: 554 5.7.1 <someone@remote.test>: Relay access denied
                    C: RCPT TO:<nobody@example.com>
                    S: 550 5.1.1 <nobody@example.com>: Recipient address rejected: User unknown in virtual mailbox table
                    C: RCPT TO:<Alice@example.com>
                    S: 250 2.1.5 Ok
                    """);
        }
    }

    @Test
    void tooManyErrorsEndTheSessionWith421() {
        try (EmbeddedSmtpSession c = client("127.0.0.1")) {
            c.play("""
                    S: 220 mx.yubin.test ESMTP yubin
                    C: X1
                    C: X2
                    C: X3
                    C: X4
                    C: X5
                    C: X6
                    C: X7
                    C: X8
                    C: X9
                    C: X10
                    C: NOOP
                    S: 500 5.5.1 Error: command not recognized
                    S: 500 5.5.1 Error: command not recognized
                    S: 500 5.5.1 Error: command not recognized
                    S: 500 5.5.1 Error: command not recognized
                    S: 500 5.5.1 Error: command not recognized
                    S: 500 5.5.1 Error: command not recognized
                    S: 500 5.5.1 Error: command not recognized
                    S: 500 5.5.1 Error: command not recognized
                    S: 500 5.5.1 Error: command not recognized
                    S: 500 5.5.1 Error: command not recognized
                    S: 421 4.7.0 mx.yubin.test Error: too many errors
                    """);
            assertThat(c.channel.isOpen()).isFalse();
        }
    }

    @Test
    void eightBitAndIso2022JpContentIsQueuedByteForByte() {
        byte[] body = "Subject: =?ISO-2022-JP?B?GyRCJEYkOSRIGyhC?=\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
        byte[] jis = "日本語のメール\r\n".getBytes(Charset.forName("ISO-2022-JP"));
        byte[] utf8 = "Grüße, 郵便\r\n".getBytes(StandardCharsets.UTF_8);
        byte[] content = concat(body, jis, utf8, new byte[] {(byte) 0xFF, (byte) 0x80, '\r', '\n'});
        try (EmbeddedSmtpSession c = client("127.0.0.1")) {
            c.send("EHLO a\r\nMAIL FROM:<a@b.test> BODY=8BITMIME\r\nRCPT TO:<alice@example.com>\r\nDATA\r\n");
            c.send(concat(content, ".\r\n".getBytes(StandardCharsets.US_ASCII)));
            assertThat(c.replies()).contains("250 2.0.0 Ok: queued as ");
            byte[] queued = c.queued.get(0).content();
            byte[] tail = java.util.Arrays.copyOfRange(queued, queued.length - content.length, queued.length);
            assertThat(tail).isEqualTo(content);
        }
    }

    @Test
    void anInternationalAddressNeedsSmtpUtf8AndIsRecordedAsUtf8Smtp() {
        try (EmbeddedSmtpSession c = client("127.0.0.1")) {
            c.play("""
                    S: 220 mx.yubin.test ESMTP yubin
                    C: EHLO a
                    """ + EHLO_REPLY + """
                    C: MAIL FROM:<送信者@例え.test>
                    S: 553 5.6.7 Must declare SMTPUTF8 to send unicode address
                    C: MAIL FROM:<送信者@例え.test> SMTPUTF8
                    S: 250 2.1.0 Ok
                    C: RCPT TO:<alice@example.com>
                    S: 250 2.1.5 Ok
                    C: DATA
                    S: 354 End data with <CR><LF>.<CR><LF>
                    C: .
                    S~ 250 2.0.0 Ok: queued as \\w+
                    """);
            assertThat(c.queued.get(0).mailFrom()).isEqualTo("送信者@例え.test");
            assertThat(new String(c.queued.get(0).content(), StandardCharsets.UTF_8)).contains(" with UTF8SMTP id ");
        }
    }

    @ParameterizedTest(name = "payload {0} is refused and smuggles nothing")
    @ValueSource(strings = {"\\n.\\n", "\\r.\\r", "\\n.\\r\\n", "\\r\\n.\\r"})
    void aBareNewlineInDataRefusesTheWholeMessageAndSmugglesNothing(String escaped) {
        String payload = escaped.replace("\\r", "\r").replace("\\n", "\n");
        try (EmbeddedSmtpSession c = client("127.0.0.1")) {
            c.send("EHLO a\r\nMAIL FROM:<a@b.test>\r\nRCPT TO:<alice@example.com>\r\nDATA\r\n");
            c.replies();
            c.send("Subject: first\r\n\r\nfirst" + payload
                    + "MAIL FROM:<evil@b.test>\r\nRCPT TO:<bob@example.com>\r\nDATA\r\nsmuggled\r\n.\r\nNOOP\r\n");
            String bare = payload.startsWith("\n") ? "<LF>" : "<CR>";
            assertThat(c.replies()).isEqualTo("550 5.5.2 Error: bare " + bare + " received\r\n250 2.0.0 Ok\r\n");
            assertThat(c.queued).isEmpty();
        }
    }

    @Test
    void bdatChunksAreJoinedRawAndTheLastOneQueuesTheMessage() {
        try (EmbeddedSmtpSession c = client("127.0.0.1")) {
            c.send("EHLO a\r\nMAIL FROM:<a@b.test>\r\nRCPT TO:<alice@example.com>\r\n");
            c.replies();
            c.send("BDAT 10\r\nSubject: x");
            assertThat(c.replies()).isEqualTo("250 2.0.0 Ok: 10 octets received\r\n");
            c.send("BDAT 11 LAST\r\n\r\n\r\n.body\r\n");
            assertThat(c.replies()).matches("250 2.0.0 Ok: queued as \\w+\r\n");
            assertThat(new String(c.queued.get(0).content(), StandardCharsets.US_ASCII))
                    .endsWith("\r\nSubject: x\r\n\r\n.body\r\n");
            c.play("""
                    C: MAIL FROM:<a@b.test>
                    C: RCPT TO:<alice@example.com>
                    C: BDAT 600
                    S: 250 2.1.0 Ok
                    S: 250 2.1.5 Ok
                    """);
            c.send("y".repeat(600) + "BDAT 600 LAST\r\n" + "z".repeat(600) + "NOOP\r\n");
            assertThat(c.replies()).isEqualTo("250 2.0.0 Ok: 600 octets received\r\n"
                    + "552 5.3.4 Message size exceeds fixed limit\r\n250 2.0.0 Ok\r\n");
            // the refused chunk "abc" is still read, so only its line ending is left as a command
            c.play("""
                    C: BDAT 3 LAST
                    C: abc
                    S: 503 5.5.1 Error: need MAIL command
                    S: 500 5.5.2 Error: bad syntax
                    """);
            assertThat(c.queued).hasSize(1);
        }
    }

    @Test
    void aRouteRejectionIsTheReplyAndOtherFailuresAreTemporary() {
        SmtpRejectException virus = new SmtpRejectException(new SmtpReply(554, "5.7.1", "Virus found: Eicar"));
        List<Object> outcomes = new java.util.ArrayList<>(List.of(new RuntimeException("wrapped", virus),
                new IllegalStateException("broker down")));
        try (EmbeddedSmtpSession c = new EmbeddedSmtpSession(initializer, "127.0.0.1", message -> outcomes.remove(0))) {
            String transaction = "MAIL FROM:<a@b.test>\r\nRCPT TO:<alice@example.com>\r\nDATA\r\nx\r\n.\r\n";
            c.send("EHLO a\r\n" + transaction);
            assertThat(c.replies()).endsWith("354 End data with <CR><LF>.<CR><LF>\r\n554 5.7.1 Virus found: Eicar\r\n");
            c.send(transaction);
            assertThat(c.replies()).endsWith("354 End data with <CR><LF>.<CR><LF>\r\n451 4.3.0 Error: queue file write error\r\n");
            assertThat(c.channel.isOpen()).isTrue();
        }
    }

    @Test
    void aClientPastItsConnectionLimitIsRefused() {
        try (EmbeddedSmtpSession first = client("192.0.2.7"); EmbeddedSmtpSession second = client("192.0.2.7")) {
            first.replies();
            second.replies();
            try (EmbeddedSmtpSession third = client("192.0.2.7")) {
                assertThat(third.replies()).isEqualTo("421 4.7.0 Too many connections from your address\r\n");
                assertThat(third.channel.isOpen()).isFalse();
            }
            first.close();
            try (EmbeddedSmtpSession fourth = client("192.0.2.7")) {
                assertThat(fourth.replies()).startsWith("220 ");
            }
        }
    }

    @Test
    void aSilentClientIsDisconnectedWithATimeout() throws InterruptedException {
        SmtpServerInitializer quick = EmbeddedSmtpSession.initializer(new SmtpListenerSettings("mx", "mx.yubin.test", 64,
                1000, 3, 8, 2, Duration.ofMillis(200), ClientNetworks.parse(List.of())));
        try (EmbeddedSmtpSession c = new EmbeddedSmtpSession(quick, "127.0.0.1", message -> "queued")) {
            c.replies();
            Thread.sleep(300);
            c.channel.runPendingTasks();
            assertThat(c.replies()).isEqualTo("421 4.4.2 mx.yubin.test Error: timeout exceeded\r\n");
            assertThat(c.channel.isOpen()).isFalse();
        }
    }

    private static byte[] concat(byte[]... parts) {
        int length = 0;
        for (byte[] p : parts) {
            length += p.length;
        }
        byte[] out = new byte[length];
        int at = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, out, at, p.length);
            at += p.length;
        }
        return out;
    }
}
