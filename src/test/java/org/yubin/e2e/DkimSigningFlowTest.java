package org.yubin.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.yubin.YubinApplication;
import org.yubin.filter.dkim.DkimAlgorithm;
import org.yubin.filter.dkim.DkimKeys;
import org.yubin.filter.dkim.PythonDkim;
import org.yubin.testsupport.Temp;
import org.yubin.testsupport.TestMailSystem;

/**
 * DKIM signing through the whole server: a message alice submits with AUTH arrives in
 * bob's Maildir with a DKIM-Signature of example.com that python3-dkim verifies; mail that
 * comes in on the MX without AUTH is not signed.
 */
@SpringBootTest(classes = YubinApplication.class, webEnvironment = SpringBootTest.WebEnvironment.NONE)
class DkimSigningFlowTest {

    static final TestMailSystem MAIL = new TestMailSystem(Temp.dir("dkim-flow"), List.of("alice", "bob"), List.of(), "");
    static final String RECORD = keyFor("example.com", "mx0");

    @DynamicPropertySource
    static void settings(DynamicPropertyRegistry registry) {
        MAIL.register((key, value) -> registry.add(key, () -> value));
        registry.add("server.port", () -> "0");
        registry.add("yubin.mynetworks", () -> "192.0.2.0/24");
    }

    @Test
    void anAuthenticatedSubmissionIsSignedAndPythonDkimVerifiesTheSignature() throws Exception {
        swaks(MAIL.submissionPort(), "--tls", "--auth", "PLAIN", "--auth-user", "alice@example.com",
                "--auth-password", TestMailSystem.PASSWORD, "--header", "Message-Id: <signed@example.com>",
                "--header", "Subject: signed  by\tyubin");
        byte[] delivered = message("bob", "<signed@example.com>");
        String text = new String(delivered, StandardCharsets.ISO_8859_1);
        assertThat(text).contains("DKIM-Signature: v=1; a=rsa-sha256; c=relaxed/relaxed; d=example.com; s=mx0;");
        assertThat(PythonDkim.verify(delivered, RECORD)).isEqualTo("pass");
    }

    @Test
    void mailOnTheMxWithoutAuthIsNotSigned() throws Exception {
        swaks(MAIL.smtpPort(), "--header", "Message-Id: <unsigned@example.com>");
        assertThat(new String(message("bob", "<unsigned@example.com>"), StandardCharsets.ISO_8859_1))
                .doesNotContain("DKIM-Signature");
    }

    private static String keyFor(String domain, String selector) {
        try {
            KeyPair pair = DkimKeys.generate(DkimAlgorithm.RSA_SHA256);
            String value = DkimKeys.recordValue(DkimAlgorithm.RSA_SHA256, pair.getPublic());
            DkimKeys.write(MAIL.dataDir().resolve("dkim"), domain, selector, pair.getPrivate(),
                    DkimKeys.zoneLine(domain, selector, value), false);
            return value;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void swaks(int port, String... options) throws Exception {
        List<String> command = new ArrayList<>(List.of("swaks", "--server", "127.0.0.1:" + port, "--timeout", "20",
                "--to", "bob@example.com", "--from", "alice@example.com", "--helo", "client.test"));
        command.addAll(List.of(options));
        Process swaks = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
        try {
            String transcript = new String(swaks.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(swaks.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(swaks.exitValue()).as(transcript).isZero();
        } finally {
            swaks.destroyForcibly();
        }
    }

    private static byte[] message(String user, String marker) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (true) {
            for (Path file : MAIL.messages(user)) {
                byte[] bytes = Files.readAllBytes(file);
                if (new String(bytes, StandardCharsets.ISO_8859_1).contains(marker)) {
                    return bytes;
                }
            }
            assertThat(System.nanoTime()).as("a message with " + marker).isLessThan(deadline);
            Thread.sleep(50);
        }
    }
}
