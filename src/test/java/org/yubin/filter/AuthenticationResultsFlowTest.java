package org.yubin.filter;

import static org.assertj.core.api.Assertions.assertThat;

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
import org.yubin.delivery.remote.TestDnsServer;
import org.yubin.testsupport.SmtpTestClient;
import org.yubin.testsupport.Temp;
import org.yubin.testsupport.TestMailSystem;

/** The whole server with SPF and DMARC on, its DNS a test server: the delivered message carries the verdicts. */
@SpringBootTest(classes = YubinApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class AuthenticationResultsFlowTest {

    static final TestMailSystem MAIL = new TestMailSystem(Temp.dir("authres"), List.of("alice"), List.of(), "");
    static final TestDnsServer DNS = new TestDnsServer()
            .txt("allowed.test", "v=spf1 ip4:127.0.0.0/8 -all")
            .txt("_dmarc.allowed.test", "v=DMARC1; p=reject")
            .txt("refused.test", "v=spf1 -all");

    @DynamicPropertySource
    static void settings(DynamicPropertyRegistry registry) {
        MAIL.register((key, value) -> registry.add(key, () -> value));
        registry.add("yubin.dns.servers", DNS::address);
        registry.add("yubin.spf.enabled", () -> "true");
        registry.add("yubin.dmarc.enabled", () -> "true");
    }

    @AfterAll
    static void stopDns() throws InterruptedException {
        DNS.close();
    }

    @Test
    void mailFromADomainThatAllowsLoopbackGetsSpfPassAndOneThatRefusesAllGetsSpfFail() throws Exception {
        send("bob@allowed.test", "<spf-pass@allowed.test>");
        send("eve@refused.test", "<spf-fail@refused.test>");

        String passed = delivered("<spf-pass@allowed.test>");
        assertThat(passed).contains("Authentication-Results: mx.example.test;\n\tdkim=none;\n"
                + "\tspf=pass smtp.mailfrom=bob@allowed.test;\n\tdmarc=pass (p=reject) header.from=allowed.test\n");
        assertThat(passed.split("Authentication-Results: ", -1)).hasSize(2);
        assertThat(delivered("<spf-fail@refused.test>")).contains("\tspf=fail smtp.mailfrom=eve@refused.test;\n"
                + "\tdmarc=none header.from=refused.test\n");
    }

    private static void send(String from, String messageId) throws Exception {
        String message = "From: " + from + "\r\nTo: alice@example.com\r\nMessage-ID: " + messageId
                + "\r\nAuthentication-Results: mx.example.test; spf=pass smtp.mailfrom=forged\r\nSubject: spf\r\n\r\nHello.\r\n";
        try (SmtpTestClient client = new SmtpTestClient(MAIL.smtpPort())) {
            assertThat(client.reply()).startsWith("220");
            assertThat(client.command("EHLO client.test")).startsWith("250");
            assertThat(client.send(from, "alice@example.com", message.getBytes(StandardCharsets.US_ASCII))).startsWith("250");
            client.command("QUIT");
        }
    }

    private static String delivered(String messageId) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (System.nanoTime() < deadline) {
            for (Path file : MAIL.messages("alice")) {
                String text = Files.readString(file, StandardCharsets.ISO_8859_1);
                if (text.contains(messageId)) {
                    return text;
                }
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no message " + messageId + " delivered");
    }
}
