package org.yubin.delivery.remote;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.yubin.YubinApplication;
import org.yubin.delivery.DsnProcessor;
import org.yubin.testsupport.LogCapture;
import org.yubin.testsupport.SmtpTestClient;
import org.yubin.testsupport.Temp;
import org.yubin.testsupport.TestMailSystem;

/**
 * The whole server sending to a remote domain: mail from mynetworks to
 * {@code remote.test}, whose MX (served by the test's DNS server) is aiosmtpd on
 * {@code yubin.outbound.smtp-port}. Retries are one second apart, the delay warning
 * comes after two seconds and mail expires after eight.
 */
@SpringBootTest(classes = YubinApplication.class, webEnvironment = SpringBootTest.WebEnvironment.NONE)
class OutboundFlowTest {

    static final Path ROOT = Temp.dir("outbound-flow");
    static final TestMailSystem MAIL = new TestMailSystem(ROOT, List.of("alice", "bob", "carol"), List.of(), "");
    static final SmtpSink SINK = new SmtpSink(ROOT);
    static final TestDnsServer DNS = new TestDnsServer()
            .mx("remote.test", 10, "mx.remote.test")
            .a("mx.remote.test", "127.0.0.1")
            .nullMx("nullmx.test")
            .a("nullmx.test", "192.0.2.1");

    @DynamicPropertySource
    static void settings(DynamicPropertyRegistry registry) {
        MAIL.register((key, value) -> registry.add(key, () -> value));
        registry.add("server.port", () -> "0");
        registry.add("yubin.dns.servers", DNS::address);
        registry.add("yubin.dns.timeout", () -> "2s");
        registry.add("yubin.outbound.smtp-port", SINK::port);
        registry.add("yubin.outbound.concurrency", () -> "4");
        registry.add("yubin.outbound.delay-warning", () -> "2s");
        registry.add("yubin.queue.lifetime", () -> "8s");
    }

    @AfterAll
    static void stop() throws Exception {
        SINK.close();
        DNS.close();
    }

    @Test
    void mailFromMynetworksToARemoteDomainReachesItsMxOverTlsWithTheBytesIntact() throws Exception {
        String message = "From: alice@example.com\r\nTo: someone@remote.test\r\nMessage-ID: <e2e-1@example.com>\r\n"
                + "Subject: outbound\r\n\r\nHello remote.\r\n.a dotted line\r\nBye.\r\n";
        try (LogCapture log = LogCapture.of(RemoteDeliveryProcessor.class)) {
            String queueId = submit("alice@example.com", "someone@remote.test", message);

            SmtpSink.Received received = SINK.await("<e2e-1@example.com>", Duration.ofSeconds(20));
            assertThat(received.text()).startsWith("Received: from ").endsWith(message);
            assertThat(received.meta()).containsEntry("from", "alice@example.com")
                    .containsEntry("to", "someone@remote.test").containsEntry("tls", "yes");
            awaitLog(log, queueId + ": to=<someone@remote.test>, relay=mx.remote.test[127.0.0.1]:" + SINK.port());
            assertThat(log.lines()).contains("status=sent (250 2.0.0 Ok: queued as S");
        }
    }

    @Test
    void aRecipientTheMxDefersIsTriedAgainAndDelivered() throws Exception {
        try (LogCapture log = LogCapture.of(RemoteDeliveryProcessor.class)) {
            String queueId = submit("alice@example.com", "defer-once@remote.test",
                    "Message-ID: <e2e-defer@example.com>\r\nSubject: later\r\n\r\nbody\r\n");

            SINK.await("<e2e-defer@example.com>", Duration.ofSeconds(20));
            assertThat(log.lines()).contains(queueId + ": to=<defer-once@remote.test>, relay=mx.remote.test[127.0.0.1]:")
                    .contains("status=deferred (host mx.remote.test[127.0.0.1]:" + SINK.port() + " said: 451 4.3.0");
        }
    }

    @Test
    void aRecipientTheMxRefusesBouncesWithADsnInTheLocalSendersMaildir() throws Exception {
        submit("alice@example.com", "reject@remote.test", "Message-ID: <e2e-reject@example.com>\r\nSubject: no\r\n\r\nbody\r\n");

        String dsn = awaitMessage("alice", "Undelivered Mail Returned to Sender");
        assertThat(dsn).startsWith("Return-Path: <>\n")
                .contains("From: Mail Delivery System <MAILER-DAEMON@mx.example.test>")
                .contains("Content-Type: multipart/report; report-type=delivery-status;")
                .contains("Content-Type: message/delivery-status\n\nReporting-MTA: dns; mx.example.test\n")
                .contains("Final-Recipient: rfc822; reject@remote.test\n")
                .contains("Action: failed\nStatus: 5.1.1\nRemote-MTA: dns; mx.remote.test\n")
                .contains("Diagnostic-Code: smtp; 550 5.1.1 <reject@remote.test>: Recipient address rejected")
                .contains("Content-Type: text/rfc822-headers\n\nReceived: from ")
                .contains("Message-ID: <e2e-reject@example.com>");
    }

    @Test
    void aNullMxDomainBouncesWith5110() throws Exception {
        submit("carol@example.com", "someone@nullmx.test", "Message-ID: <e2e-nullmx@example.com>\r\n\r\nbody\r\n");

        String dsn = awaitMessage("carol", "<e2e-nullmx@example.com>");
        assertThat(dsn).contains("Status: 5.1.10\n").contains("Diagnostic-Code: x-yubin; Recipient address has null MX");
    }

    @Test
    void aBounceThatBouncesProducesNoDsn() throws Exception {
        try (LogCapture log = LogCapture.of(DsnProcessor.class)) {
            String queueId = submit("", "reject-bounce@remote.test", "Message-ID: <e2e-bounce@example.com>\r\n\r\nbody\r\n");

            awaitLog(log, queueId + ": to=<reject-bounce@remote.test>, status=bounced, no DSN for the null sender");
            assertThat(log.lines()).doesNotContain(queueId + ": sender non-delivery notification");
        }
    }

    @Test
    void aLongDeferredMessageWarnsTheSenderOnceAndBouncesWhenItsLifetimeIsOver() throws Exception {
        submit("bob@example.com", "defer-always@remote.test", "Message-ID: <e2e-expire@example.com>\r\n\r\nbody\r\n");

        String warning = awaitMessage("bob", "Delayed Mail (still being retried)");
        assertThat(warning).contains("Action: delayed\nStatus: 4.3.0\n").contains("Will-Retry-Until: ")
                .contains("Message-ID: <e2e-expire@example.com>");
        String bounce = awaitMessage("bob", "Undelivered Mail Returned to Sender");
        assertThat(bounce).contains("Action: failed\nStatus: 4.3.0\n").contains("(delivery time expired)");
        assertThat(MAIL.messages("bob").stream().filter(file -> read(file).contains("Delayed Mail"))).hasSize(1);
    }

    /** Sends one message through the MX listener; returns its queue id. */
    private static String submit(String from, String to, String message) throws IOException {
        try (SmtpTestClient smtp = new SmtpTestClient(MAIL.smtpPort())) {
            smtp.reply();
            smtp.command("EHLO client.example.test");
            String reply = smtp.send(from, to, message.getBytes(StandardCharsets.UTF_8));
            assertThat(reply).startsWith("250 2.0.0 Ok: queued as ");
            smtp.command("QUIT");
            return reply.substring("250 2.0.0 Ok: queued as ".length()).strip();
        }
    }

    private static String awaitMessage(String user, String marker) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            for (Path file : MAIL.messages(user)) {
                String text = read(file);
                if (text.contains(marker)) {
                    return text;
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no message with \"" + marker + "\" for " + user);
    }

    private static void awaitLog(LogCapture log, String text) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!log.lines().contains(text) && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(log.lines()).contains(text);
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            return "";
        }
    }
}
