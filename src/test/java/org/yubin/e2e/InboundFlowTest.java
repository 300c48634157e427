package org.yubin.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.yubin.YubinApplication;
import org.yubin.testsupport.SmtpTestClient;
import org.yubin.testsupport.Temp;
import org.yubin.testsupport.TestMailSystem;

/**
 * The whole server, from a real SMTP client (swaks or raw bytes) to the file in
 * the user's Maildir, with the embedded directory and the embedded queue.
 * Loopback is deliberately outside mynetworks here, so relaying is refused.
 */
@SpringBootTest(classes = YubinApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class InboundFlowTest {

    static final TestMailSystem MAIL = new TestMailSystem(Temp.dir("inbound"),
            List.of("alice", "bob", "carol"), List.of("dave"), "team: bob@example.com\n");

    @DynamicPropertySource
    static void settings(DynamicPropertyRegistry registry) {
        MAIL.register((key, value) -> registry.add(key, () -> value));
        registry.add("yubin.mynetworks", () -> "192.0.2.0/24");
        registry.add("yubin.message-size-limit", () -> "100000");
        registry.add("yubin.smtp.max-recipients", () -> "3");
    }

    @LocalServerPort
    int httpPort;

    @Test
    void swaksDeliversToADirectoryUserWithReturnPathDeliveredToAndOneReceived() throws Exception {
        Path data = Files.createTempFile(MAIL.root(), "swaks", ".eml");
        String message = "From: sender@remote.test\r\nTo: alice@example.com\r\nSubject: swaks test\r\n"
                + "Message-ID: <swaks-1@remote.test>\r\n\r\nHello Alice.\r\n.leading dot line\r\nBye.";
        Files.writeString(data, message);

        Process swaks = new ProcessBuilder("swaks", "--server", "127.0.0.1:" + MAIL.smtpPort(),
                "--from", "sender@remote.test", "--to", "alice@example.com", "--data", "@" + data)
                .redirectErrorStream(true).start();
        String transcript = new String(swaks.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(swaks.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(swaks.exitValue()).as(transcript).isZero();
        assertThat(transcript).contains("250 2.0.0 Ok: queued as");

        String stored = MAIL.onlyMessageContaining("alice", "<swaks-1@remote.test>");
        assertThat(stored).startsWith("Return-Path: <sender@remote.test>\nDelivered-To: alice@example.com\nReceived: from ");
        assertThat(stored.split("\nReceived: ", -1)).hasSize(2);
        // swaks ends the data with the line break the file lacks
        assertThat(stored).endsWith(message.replace("\r\n", "\n") + "\n");
    }

    @Test
    void swaksWithStartTlsOnTheMxPortGetsTheGeneratedCertificateAndReceivedNotesTheTls() throws Exception {
        String transcript = swaks(MAIL.smtpPort(), "--tls", "--to", "alice@example.com",
                "--header", "Message-Id: <starttls-1@remote.test>");

        assertThat(transcript).contains("TLS started with cipher TLSv1.3:", "TLS peer DN=\"/CN=mx.example.test\"");
        assertThat(MAIL.dataDir().resolve("tls/selfsigned.crt")).exists();
        String stored = MAIL.onlyMessageContaining("alice", "<starttls-1@remote.test>");
        assertThat(stored).containsPattern("\nReceived: from [^\n]+\n\t\\(using TLSv1\\.3 with cipher TLS_\\w+ \\(\\d+/\\d+ bits\\)\\)\n"
                + "\tby mx\\.example\\.test \\(yubin\\) with ESMTPS id ");
    }

    @Test
    void swaksWithImplicitTlsOnTheSmtpsPortIsDelivered() throws Exception {
        // submission needs AUTH, and the sender must be the user's own (docs/submission.md)
        String transcript = swaks(MAIL.smtpsPort(), "--tlsc", "--to", "bob@example.com", "--from", "alice@example.com",
                "--auth", "PLAIN", "--auth-user", "alice@example.com", "--auth-password", TestMailSystem.PASSWORD,
                "--header", "Message-Id: <smtps-1@remote.test>");

        assertThat(transcript).contains("TLS started with cipher TLSv1.3:");
        assertThat(MAIL.onlyMessageContaining("bob", "<smtps-1@remote.test>")).contains(" with ESMTPSA id ");
    }

    /** Runs swaks from sender@remote.test against {@code port} and returns its transcript; it must succeed. */
    private static String swaks(int port, String... options) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of("swaks", "--server", "127.0.0.1:" + port,
                "--timeout", "20", "--from", "sender@remote.test"));
        command.addAll(List.of(options));
        Process swaks = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
        try {
            String transcript = new String(swaks.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(swaks.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(swaks.exitValue()).as(transcript).isZero();
            assertThat(transcript).contains("250 2.0.0 Ok: queued as");
            return transcript;
        } finally {
            swaks.destroyForcibly();
        }
    }

    @Test
    void dotStuffingIsUndoneAndEightBitAndIso2022JpBodiesArriveByteExact() throws Exception {
        Charset jis = Charset.forName("ISO-2022-JP");
        byte[] japanese = "日本語のメールです。\r\n..二つの点で始まる行\r\n".getBytes(jis);
        byte[] utf8 = "Grüße, ça va? 你好\r\n.\r\n".getBytes(StandardCharsets.UTF_8);
        byte[] head = ("From: a@remote.test\r\nTo: bob@example.com\r\nMessage-ID: <bytes-1@remote.test>\r\n"
                + "MIME-Version: 1.0\r\nContent-Type: text/plain; charset=ISO-2022-JP\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII);
        byte[] message = concat(head, japanese, utf8);

        try (SmtpTestClient smtp = new SmtpTestClient(MAIL.smtpPort())) {
            smtp.reply();
            assertThat(smtp.command("EHLO client.remote.test")).startsWith("250 ");
            assertThat(smtp.send("a@remote.test", "bob@example.com", message)).startsWith("250 2.0.0 Ok: queued as ");
            smtp.command("QUIT");
        }

        byte[] stored = Files.readAllBytes(MAIL.onlyFileContaining("bob", "<bytes-1@remote.test>"));
        byte[] expectedTail = new String(message, StandardCharsets.ISO_8859_1).replace("\r\n", "\n")
                .getBytes(StandardCharsets.ISO_8859_1);
        assertThat(endsWith(stored, expectedTail)).as("body byte-exact").isTrue();
    }

    @Test
    void unknownAndInvalidUsersAreRefusedAtRcptAndRelayIsDenied() throws Exception {
        try (SmtpTestClient smtp = new SmtpTestClient(MAIL.smtpPort())) {
            smtp.reply();
            smtp.command("EHLO client.remote.test");
            assertThat(smtp.command("MAIL FROM:<a@remote.test>")).startsWith("250 2.1.0");
            assertThat(smtp.command("RCPT TO:<nobody@example.com>")).startsWith("550 5.1.1");
            assertThat(smtp.command("RCPT TO:<dave@example.com>")).startsWith("550 5.1.1");
            assertThat(smtp.command("RCPT TO:<someone@elsewhere.test>")).startsWith("554 5.7.1");
            assertThat(smtp.command("RCPT TO:<team@example.com>")).startsWith("250 2.1.5");
            assertThat(smtp.command("QUIT")).startsWith("221");
        }
    }

    @Test
    void overlongLineOversizeMessageAndTooManyRecipientsGetTheirCodesAndTheSessionGoesOn() throws Exception {
        try (SmtpTestClient smtp = new SmtpTestClient(MAIL.smtpPort())) {
            smtp.reply();
            smtp.command("EHLO client.remote.test");
            assertThat(smtp.command("NOOP " + "x".repeat(2000))).startsWith("500 5.5.2");
            assertThat(smtp.command("NOOP")).startsWith("250");

            byte[] big = ("Subject: big\r\n\r\n" + ("y".repeat(998) + "\r\n").repeat(120)).getBytes(StandardCharsets.US_ASCII);
            assertThat(smtp.send("a@remote.test", "alice@example.com", big)).startsWith("552 5.3.4");
            assertThat(smtp.command("NOOP")).startsWith("250");

            assertThat(smtp.command("MAIL FROM:<a@remote.test>")).startsWith("250");
            assertThat(smtp.command("RCPT TO:<alice@example.com>")).startsWith("250");
            assertThat(smtp.command("RCPT TO:<bob@example.com>")).startsWith("250");
            assertThat(smtp.command("RCPT TO:<carol@example.com>")).startsWith("250");
            assertThat(smtp.command("RCPT TO:<team@example.com>")).startsWith("452 4.5.3");
            assertThat(smtp.command("RSET")).startsWith("250");
            assertThat(smtp.command("QUIT")).startsWith("221");
        }
    }

    @Test
    void smugglingPayloadsNeverProduceASecondMessage() throws Exception {
        List<String> payloads = List.of("\n.\n", "\r.\r", "\n.\r\n", "\r\n.\r");
        int index = 0;
        for (String payload : payloads) {
            index++;
            try (SmtpTestClient smtp = new SmtpTestClient(MAIL.smtpPort())) {
                smtp.reply();
                smtp.command("EHLO client.remote.test");
                smtp.command("MAIL FROM:<a@remote.test>");
                smtp.command("RCPT TO:<carol@example.com>");
                assertThat(smtp.command("DATA")).startsWith("354");
                smtp.write("Subject: carrier " + index + "\r\n\r\nfirst" + payload
                        + "MAIL FROM:<evil@remote.test>\r\nRCPT TO:<carol@example.com>\r\nDATA\r\n"
                        + "Subject: smuggled " + index + "\r\n\r\nevil\r\n.\r\n");
                assertThat(smtp.reply()).as("payload %d", index).startsWith("550 5.5.2");
                assertThat(smtp.command("NOOP")).startsWith("250");
            }
        }
        Thread.sleep(1500);
        assertThat(MAIL.messages("carol")).isEmpty();
    }

    @Test
    void healthIsUpWhenListenersDirectoryAndQueueAreUp() throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + "/actuator/health")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).startsWith("{\"status\":\"UP\"");
    }

    private static byte[] concat(byte[]... parts) {
        int length = 0;
        for (byte[] part : parts) {
            length += part.length;
        }
        byte[] all = new byte[length];
        int at = 0;
        for (byte[] part : parts) {
            System.arraycopy(part, 0, all, at, part.length);
            at += part.length;
        }
        return all;
    }

    private static boolean endsWith(byte[] whole, byte[] tail) {
        if (tail.length > whole.length) {
            return false;
        }
        for (int i = 0; i < tail.length; i++) {
            if (whole[whole.length - tail.length + i] != tail[i]) {
                return false;
            }
        }
        return true;
    }
}
