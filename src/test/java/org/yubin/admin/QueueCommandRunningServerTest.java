package org.yubin.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.yubin.YubinApplication;
import org.yubin.config.YubinProperties;
import org.yubin.delivery.remote.RemoteDeliveryProcessor;
import org.yubin.testsupport.LogCapture;
import org.yubin.testsupport.SmtpTestClient;
import org.yubin.testsupport.Temp;
import org.yubin.testsupport.TestMailSystem;

/**
 * {@code yubin queue ...} and {@code sendmail} against the running server: the command
 * line reaches the live queue through the broker's loopback admin port. Remote mail
 * goes to a relayhost whose port is closed, so it stays deferred (next try in an hour).
 */
@SpringBootTest(classes = YubinApplication.class, webEnvironment = SpringBootTest.WebEnvironment.NONE)
class QueueCommandRunningServerTest {

    static final Path ROOT = Temp.dir("queue-cli-running");
    static final TestMailSystem MAIL = new TestMailSystem(ROOT, List.of("alice", "bob", "carol"), List.of(), "");
    static final int CLOSED_PORT = TestMailSystem.freePort();

    @DynamicPropertySource
    static void settings(DynamicPropertyRegistry registry) {
        MAIL.properties().forEach((key, value) -> {
            if (!key.equals("yubin.queue.retry-delay")) {
                registry.add(key, () -> value);
            }
        });
        registry.add("server.port", () -> "0");
        registry.add("yubin.queue.retry-delay", () -> "1h");
        registry.add("yubin.outbound.relayhost", () -> "[127.0.0.1]:" + CLOSED_PORT);
        registry.add("yubin.outbound.connect-timeout", () -> "2s");
    }

    @Autowired
    YubinProperties properties;

    @Test
    void deferredMailIsListedHeldReleasedFlushedAndDeleted() throws Exception {
        try (LogCapture delivery = LogCapture.of(RemoteDeliveryProcessor.class);
             LogCapture audit = LogCapture.of(Class.forName("org.yubin.queue.QueueAdminAudit"))) {
            String id = submit("alice@example.com", "someone@remote.test", "Subject: later\r\n\r\nbody\r\n");
            awaitAttempts(delivery, id, 1);
            String list = awaitList(id, "(deferred until ");
            assertThat(list).contains(id + " yubin.outbound").contains("alice@example.com")
                    .contains("someone@remote.test").contains("delivery attempts 1");

            assertThat(cli("queue", "hold", id).out()).isEqualTo(id + ": 1 entries put on hold\n");
            assertThat(cli("queue", "list").out()).contains(id + " yubin.hold").contains("held from yubin.outbound");
            assertThat(audit.lines()).contains("admin: queue hold " + id + ": " + id + ": 1 entries put on hold");

            assertThat(cli("queue", "release", id).out()).isEqualTo(id + ": 1 entries released\n");
            // back on yubin.outbound, due at once: tried again and deferred again
            awaitAttempts(delivery, id, 2);
            awaitList(id, id + " yubin.outbound");

            assertThat(cli("queue", "flush").out()).matches("flushed: [1-9][0-9]* deferred entries due now\n");
            awaitAttempts(delivery, id, 3);

            awaitList(id, "(deferred until ");
            assertThat(cli("queue", "delete", id).out()).isEqualTo(id + ": 1 entries deleted\n");
            assertThat(cli("queue", "list").out()).isEqualTo("Mail queue is empty\n");
            assertThat(audit.lines()).contains("admin: queue delete " + id);
        }
    }

    @Test
    void badInputIsOneLineAndANonZeroExit() {
        CliRunner.Result bad = cli("queue", "hold", "abc;rm");
        assertThat(bad.exitCode()).isEqualTo(2);
        assertThat(bad.err()).isEqualTo("yubin: queue hold: bad queue id 'abc;rm' (letters A-Z and digits only)\n");
        assertThat(cli("queue", "frob").exitCode()).isEqualTo(2);
        assertThat(cli("queue", "delete").exitCode()).isEqualTo(2);
        assertThat(cli("queue", "list", "extra").exitCode()).isEqualTo(2);
    }

    @Test
    void sendmailDashTDeliversToTheHeaderRecipientsWithoutBccAndTheBytesIntact() throws Exception {
        Charset jis = Charset.forName("ISO-2022-JP");
        byte[] body = "件名のない日本語の本文\n".getBytes(jis);
        ByteArrayOutputStream message = new ByteArrayOutputStream();
        message.writeBytes(("From: alice@example.com\nTo: Bob <bob@example.com>\nBcc: carol@example.com\n"
                + "Subject: local\nMessage-ID: <sendmail-t@example.com>\nContent-Type: text/plain; charset=ISO-2022-JP\n\n")
                .getBytes(StandardCharsets.US_ASCII));
        message.writeBytes(body);
        message.writeBytes(".\nafter a lone dot, 8-bit: \u00e9\n".getBytes(StandardCharsets.ISO_8859_1));

        assertThat(sendmail(message.toByteArray(), "-t", "-i")).isZero();

        for (String user : List.of("bob", "carol")) {
            byte[] stored = Files.readAllBytes(MAIL.awaitMessages(user, 1, Duration.ofSeconds(20)).get(0));
            String text = new String(stored, StandardCharsets.ISO_8859_1);
            assertThat(text).contains("Received: by mx.example.test (yubin, from userid ")
                    .contains("Message-ID: <sendmail-t@example.com>").doesNotContain("Bcc:").doesNotContain("\r");
            assertThat(stored).endsWith(concat(body, ".\nafter a lone dot, 8-bit: \u00e9\n".getBytes(StandardCharsets.ISO_8859_1)));
        }
    }

    @Test
    void sendmailWithSenderAndRecipientArgumentsEndsAtALoneDot() throws Exception {
        byte[] message = "Subject: args\n\nfirst\n.\nnot sent\n".getBytes(StandardCharsets.US_ASCII);
        int before = MAIL.messages("alice").size();
        assertThat(sendmail(message, "-f", "bob@example.com", "-oem", "alice@example.com")).isZero();

        List<Path> files = MAIL.awaitMessages("alice", before + 1, Duration.ofSeconds(20));
        String text = files.stream().map(QueueCommandRunningServerTest::read).filter(t -> t.contains("Subject: args"))
                .findFirst().orElseThrow();
        assertThat(text).startsWith("Return-Path: <bob@example.com>\n").contains("From: bob@example.com\n")
                .contains("Date: ").contains("Message-ID: <").endsWith("\nfirst\n").doesNotContain("not sent");
    }

    @Test
    void sendmailRefusesBadInvocationsWithSysexitsCodes() {
        assertThat(sendmail(new byte[0], "-q")).isEqualTo(Sendmail.EX_USAGE);
        assertThat(sendmail("Subject: x\n\n".getBytes(StandardCharsets.US_ASCII), "-t")).isEqualTo(Sendmail.EX_USAGE);
        assertThat(sendmail(new byte[0], "bad address@example.com")).isEqualTo(Sendmail.EX_DATAERR);
    }

    private CliRunner.Result cli(String... args) {
        return new CliRunner(properties).run(args);
    }

    private int sendmail(byte[] input, String... args) {
        Supplier<YubinProperties> settings = () -> properties;
        return Sendmail.run(args, settings, new ByteArrayInputStream(input),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
    }

    private String awaitList(String id, String text) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        String list = cli("queue", "list").out();
        while (!(list.contains(id) && list.contains(text)) && System.nanoTime() < deadline) {
            Thread.sleep(200);
            list = cli("queue", "list").out();
        }
        assertThat(list).contains(id).contains(text);
        return list;
    }

    private static void awaitAttempts(LogCapture log, String id, int attempts) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (count(log.lines(), id + ": to=<someone@remote.test>") < attempts && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertThat(count(log.lines(), id + ": to=<someone@remote.test>")).as(log.lines()).isEqualTo(attempts);
    }

    private static int count(String text, String part) {
        int n = 0;
        for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) {
            n++;
        }
        return n;
    }

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

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            return "";
        }
    }
}
