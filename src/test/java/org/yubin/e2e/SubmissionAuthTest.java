package org.yubin.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.yubin.YubinApplication;
import org.yubin.delivery.remote.TestDnsServer;
import org.yubin.testsupport.ScramClient;
import org.yubin.testsupport.SmtpTestClient;
import org.yubin.testsupport.Temp;
import org.yubin.testsupport.TestMailSystem;
import org.yubin.testsupport.TrustAllTls;

/**
 * Authenticated submission through the whole server: swaks with STARTTLS on the
 * submission port and with implicit TLS on SMTPS, AUTH PLAIN, LOGIN and CRAM-MD5, SCRAM
 * with the test's own client, the submission policy (530, 553), and the sender domain
 * check on the MX against a DNS server the test runs. Loopback is outside mynetworks.
 */
@SpringBootTest(classes = YubinApplication.class, webEnvironment = SpringBootTest.WebEnvironment.NONE)
class SubmissionAuthTest {

    static final TestMailSystem MAIL = new TestMailSystem(Temp.dir("submission-auth"),
            List.of("alice", "bob"), List.of(), "");
    static final TestDnsServer DNS = new TestDnsServer()
            .mx("remote.test", 10, "mx.remote.test")
            .a("mx.remote.test", "192.0.2.10")
            .servfail("broken.test");

    @DynamicPropertySource
    static void settings(DynamicPropertyRegistry registry) {
        MAIL.register((key, value) -> registry.add(key, () -> value));
        registry.add("server.port", () -> "0");
        registry.add("yubin.mynetworks", () -> "192.0.2.0/24");
        registry.add("yubin.auth.mechanisms", () -> "PLAIN LOGIN CRAM-MD5 SCRAM-SHA-1 SCRAM-SHA-256");
        registry.add("yubin.auth.failure-delay", () -> "200ms");
        registry.add("yubin.smtp.reject-unknown-sender-domain", () -> "true");
        registry.add("yubin.dns.servers", DNS::address);
        registry.add("yubin.dns.timeout", () -> "2s");
    }

    @AfterAll
    static void stopDns() throws Exception {
        DNS.close();
    }

    @Test
    void swaksWithStartTlsOnSubmissionDeliversWithPlainAndLogin() throws Exception {
        for (String mechanism : List.of("PLAIN", "LOGIN")) {
            String id = "<tls-" + mechanism + "@example.com>";
            String transcript = swaks(MAIL.submissionPort(), "--tls", "--auth", mechanism,
                    "--auth-user", "alice@example.com", "--auth-password", TestMailSystem.PASSWORD,
                    "--header", "Message-Id: " + id);
            assertThat(transcript).contains("235 2.7.0 Authentication successful", "250 2.0.0 Ok: queued as");
            assertThat(MAIL.onlyMessageContaining("bob", id)).contains(" with ESMTPSA id ");
        }
    }

    @Test
    void swaksWithImplicitTlsOnSmtpsDeliversWithPlainAndLogin() throws Exception {
        for (String mechanism : List.of("PLAIN", "LOGIN")) {
            String id = "<smtps-" + mechanism + "@example.com>";
            String transcript = swaks(MAIL.smtpsPort(), "--tlsc", "--auth", mechanism,
                    "--auth-user", "alice@example.com", "--auth-password", TestMailSystem.PASSWORD,
                    "--header", "Message-Id: " + id);
            assertThat(transcript).contains("235 2.7.0 Authentication successful", "250 2.0.0 Ok: queued as");
            assertThat(MAIL.onlyMessageContaining("bob", id)).contains(" with ESMTPSA id ");
        }
    }

    @Test
    void swaksWithCramMd5DeliversForAUserWhosePasswordIsStoredInCleartext() throws Exception {
        String transcript = swaks(MAIL.submissionPort(), "--tls", "--auth", "CRAM-MD5",
                "--auth-user", "alice@example.com", "--auth-password", TestMailSystem.PASSWORD,
                "--header", "Message-Id: <cram@example.com>");
        assertThat(transcript).contains("AUTH CRAM-MD5", "235 2.7.0");
        MAIL.onlyMessageContaining("bob", "<cram@example.com>");
    }

    @Test
    void aWrongPasswordGets535AndMailWithoutAuthGets530() throws Exception {
        String wrong = swaksFailing(MAIL.submissionPort(), "--tls", "--auth", "PLAIN",
                "--auth-user", "alice@example.com", "--auth-password", "not-the-password");
        assertThat(wrong).contains("535 5.7.8 Error: authentication failed:");

        String unauthenticated = swaksFailing(MAIL.submissionPort(), "--tls");
        assertThat(unauthenticated).contains("530 5.7.0 Authentication required");
    }

    @Test
    void aSenderThatIsNotTheUsersOwnAddressGets553() throws Exception {
        String transcript = swaksFailing(MAIL.smtpsPort(), "--tlsc", "--auth", "PLAIN",
                "--auth-user", "alice@example.com", "--auth-password", TestMailSystem.PASSWORD,
                "--from", "bob@example.com");
        assertThat(transcript).contains(
                "553 5.7.1 <bob@example.com>: Sender address rejected: not owned by user alice@example.com");
    }

    @Test
    void authIsNotOfferedOnSubmissionBeforeStartTls() throws Exception {
        try (SmtpTestClient smtp = new SmtpTestClient(MAIL.submissionPort())) {
            smtp.reply();
            smtp.write("EHLO client.test\r\n");
            List<String> ehlo = ehloLines(smtp);
            assertThat(ehlo).anyMatch(line -> line.endsWith("STARTTLS")).noneMatch(line -> line.contains("AUTH"));
            assertThat(smtp.command("AUTH PLAIN " + b64("\0alice@example.com\0secret")))
                    .isEqualTo("530 5.7.0 Must issue a STARTTLS command first");
            assertThat(smtp.command("MAIL FROM:<alice@example.com>")).startsWith("530 5.7.0");
        }
    }

    @Test
    void scramSha256AndScramSha1OverSmtpsAuthenticateAndProveTheServerKnowsThePassword() throws Exception {
        Map<String, ScramClient> clients = Map.of(
                "SCRAM-SHA-256", ScramClient.sha256("alice@example.com", TestMailSystem.PASSWORD, "n,,"),
                "SCRAM-SHA-1", ScramClient.sha1("alice@example.com", TestMailSystem.PASSWORD, "y,,"));
        for (Map.Entry<String, ScramClient> client : clients.entrySet()) {
            String mechanism = client.getKey();
            ScramClient scram = client.getValue();
            try (SmtpTestClient smtp = new SmtpTestClient(implicitTls(MAIL.smtpsPort()))) {
                smtp.reply();
                smtp.write("EHLO client.test\r\n");
                assertThat(ehloLines(smtp)).contains("250-AUTH PLAIN LOGIN CRAM-MD5 SCRAM-SHA-1 SCRAM-SHA-256");
                String serverFirst = smtp.command("AUTH " + mechanism + " " + b64(scram.first()));
                assertThat(serverFirst).startsWith("334 ");
                String serverFinal = smtp.command(b64(scram.last(unb64(serverFirst.substring(4)))));
                assertThat(scram.verifies(unb64(serverFinal.substring(4)))).as(mechanism).isTrue();
                assertThat(smtp.command("")).isEqualTo("235 2.7.0 Authentication successful");
                assertThat(smtp.command("MAIL FROM:<alice@example.com>")).startsWith("250 2.1.0");
                smtp.command("QUIT");
            }
        }
    }

    @Test
    void anUnknownSenderDomainGets450OnTheMxWhileKnownAndHostedDomainsPass() throws Exception {
        try (SmtpTestClient smtp = new SmtpTestClient(MAIL.smtpPort())) {
            smtp.reply();
            smtp.write("EHLO client.test\r\n");
            ehloLines(smtp);
            assertThat(smtp.command("MAIL FROM:<someone@nowhere.test>"))
                    .isEqualTo("450 4.1.8 <someone@nowhere.test>: Sender address rejected: Domain not found");
            assertThat(smtp.command("MAIL FROM:<someone@broken.test>")).startsWith("451 4.4.3");
            assertThat(smtp.command("MAIL FROM:<someone@remote.test>")).startsWith("250 2.1.0");
            assertThat(smtp.command("RSET")).startsWith("250");
            assertThat(smtp.command("MAIL FROM:<carol@example.com>")).startsWith("250 2.1.0");
            assertThat(smtp.command("RSET")).startsWith("250");
            assertThat(smtp.command("MAIL FROM:<>")).startsWith("250 2.1.0");
        }
    }

    private static String swaks(int port, String... options) throws Exception {
        Result result = runSwaks(port, options);
        assertThat(result.exitCode).as(result.transcript).isZero();
        return result.transcript;
    }

    private static String swaksFailing(int port, String... options) throws Exception {
        Result result = runSwaks(port, options);
        assertThat(result.exitCode).as(result.transcript).isNotZero();
        return result.transcript;
    }

    private record Result(int exitCode, String transcript) { }

    /** swaks from alice@example.com (unless {@code --from} says otherwise) to bob@example.com. */
    private static Result runSwaks(int port, String... options) throws Exception {
        List<String> command = new ArrayList<>(List.of("swaks", "--server", "127.0.0.1:" + port, "--timeout", "20",
                "--to", "bob@example.com", "--helo", "client.test"));
        if (!List.of(options).contains("--from")) {
            command.addAll(List.of("--from", "alice@example.com"));
        }
        command.addAll(List.of(options));
        Process swaks = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
        try {
            String transcript = new String(swaks.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(swaks.waitFor(60, TimeUnit.SECONDS)).isTrue();
            return new Result(swaks.exitValue(), transcript);
        } finally {
            swaks.destroyForcibly();
        }
    }

    private static List<String> ehloLines(SmtpTestClient smtp) throws IOException {
        List<String> lines = new ArrayList<>();
        String line;
        do {
            line = smtp.line();
            lines.add(line);
        } while (line.length() > 3 && line.charAt(3) == '-');
        return lines;
    }

    /** A TLS socket to {@code port} that trusts the server's self-signed certificate. */
    private static SSLSocket implicitTls(int port) throws Exception {
        SSLContext context = TrustAllTls.context();
        SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket("127.0.0.1", port);
        socket.startHandshake();
        return socket;
    }

    private static String b64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    private static String unb64(String text) {
        return new String(Base64.getDecoder().decode(text), StandardCharsets.UTF_8);
    }
}
