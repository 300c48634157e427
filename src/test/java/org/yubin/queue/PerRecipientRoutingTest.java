package org.yubin.queue;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.camel.CamelContext;
import org.apache.camel.builder.AdviceWith;
import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.apache.camel.test.spring.junit5.UseAdviceWith;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.yubin.YubinApplication;
import org.yubin.testsupport.SmtpTestClient;
import org.yubin.testsupport.Temp;
import org.yubin.testsupport.TestMailSystem;

/**
 * The four invariants of per-recipient routing that Apache James broke when it
 * split mail with Camel (JAMES-3589), checked on a message to three recipients:
 * alice (local), team (an alias of bob) and carol, whose delivery fails until her
 * Maildir becomes writable. A step is woven in before delivery that counts its
 * runs per recipient and changes the message. Alice and bob are delivered while the
 * sender waits; carol's first attempt fails there, so she is queued and retried.
 */
@CamelSpringBootTest
@UseAdviceWith
@SpringBootTest(classes = YubinApplication.class, webEnvironment = SpringBootTest.WebEnvironment.NONE)
class PerRecipientRoutingTest {

    static final TestMailSystem MAIL = new TestMailSystem(Temp.dir("per-recipient"),
            List.of("alice", "bob", "carol"), List.of(), "team: bob@example.com\n");

    static final Map<String, AtomicInteger> RUNS = new ConcurrentHashMap<>();

    @DynamicPropertySource
    static void settings(DynamicPropertyRegistry registry) {
        MAIL.register((key, value) -> registry.add(key, () -> value));
        registry.add("server.port", () -> "0");
    }

    @Autowired
    CamelContext camel;

    @BeforeAll
    static void breakCarolsMaildir() throws Exception {
        // a plain file where the Maildir should be: every delivery attempt fails
        Path maildir = MAIL.maildir("carol");
        Files.createDirectories(maildir.getParent());
        Files.writeString(maildir, "not a directory");
    }

    @Test
    void eachRecipientIsProcessedOnceIndependentlyWithChangesKeptAndDeliveredOnce() throws Exception {
        AdviceWith.adviceWith(camel, "deliver-local", route -> route.weaveAddFirst().process(exchange -> {
            String recipient = exchange.getMessage().getHeader(EnvelopeHeaders.RECIPIENT, String.class);
            RUNS.computeIfAbsent(recipient, r -> new AtomicInteger()).incrementAndGet();
            byte[] body = exchange.getMessage().getBody(byte[].class);
            byte[] stamp = ("X-Step-Seen: " + recipient + "\r\n").getBytes(StandardCharsets.US_ASCII);
            byte[] changed = new byte[stamp.length + body.length];
            System.arraycopy(stamp, 0, changed, 0, stamp.length);
            System.arraycopy(body, 0, changed, stamp.length, body.length);
            exchange.getMessage().setBody(changed);
        }));
        camel.start();

        try (SmtpTestClient smtp = new SmtpTestClient(MAIL.smtpPort())) {
            smtp.reply();
            smtp.command("EHLO client.example.test");
            assertThat(smtp.command("MAIL FROM:<sender@example.test>")).startsWith("250");
            assertThat(smtp.command("RCPT TO:<alice@example.com>")).startsWith("250");
            assertThat(smtp.command("RCPT TO:<team@example.com>")).startsWith("250");
            assertThat(smtp.command("RCPT TO:<carol@example.com>")).startsWith("250");
            assertThat(smtp.command("DATA")).startsWith("354");
            smtp.write("Subject: three\r\nMessage-ID: <three@example.test>\r\n\r\nto three\r\n.\r\n");
            assertThat(smtp.reply()).startsWith("250 2.0.0");

            // an alias of a recipient that is also listed: one delivery
            assertThat(smtp.command("MAIL FROM:<sender@example.test>")).startsWith("250");
            assertThat(smtp.command("RCPT TO:<team@example.com>")).startsWith("250");
            assertThat(smtp.command("RCPT TO:<bob@example.com>")).startsWith("250");
            assertThat(smtp.command("DATA")).startsWith("354");
            smtp.write("Subject: twice\r\nMessage-ID: <twice@example.test>\r\n\r\nto bob twice\r\n.\r\n");
            assertThat(smtp.reply()).startsWith("250 2.0.0");
            smtp.command("QUIT");
        }

        // 2. carol's failure does not hold back the others
        List<Path> alice = MAIL.awaitMessages("alice", 1, Duration.ofSeconds(15));
        List<Path> bob = MAIL.awaitMessages("bob", 2, Duration.ofSeconds(15));
        assertThat(alice).hasSize(1);
        assertThat(bob).hasSize(2);
        awaitRuns("carol@example.com", 2);
        assertThat(MAIL.messages("carol")).isEmpty();

        // carol's Maildir is repaired; her retry delivers
        Files.delete(MAIL.maildir("carol"));
        List<Path> carol = MAIL.awaitMessages("carol", 1, Duration.ofSeconds(15));
        assertThat(carol).hasSize(1);

        Thread.sleep(2000);
        // 1. a step runs once per recipient (carol's runs are her retries)
        assertThat(RUNS.get("alice@example.com")).hasValue(1);
        assertThat(RUNS.get("bob@example.com")).hasValue(2);
        // 3. the step's change reached each Maildir
        assertThat(Files.readString(alice.get(0))).contains("X-Step-Seen: alice@example.com\n");
        assertThat(Files.readString(carol.get(0))).contains("X-Step-Seen: carol@example.com\n");
        // ... once: a retry starts from the message as it came, not from what the failed attempt left
        assertThat(Files.readString(carol.get(0)).split("X-Step-Seen:", -1)).hasSize(2);
        // 4. nobody got anything twice
        assertThat(MAIL.messages("alice")).hasSize(1);
        assertThat(MAIL.messages("bob")).hasSize(2);
        assertThat(MAIL.messages("carol")).hasSize(1);
        assertThat(bob.stream().map(PerRecipientRoutingTest::read).filter(text -> text.contains("<twice@example.test>")))
                .hasSize(1);
    }

    private static void awaitRuns(String recipient, int runs) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < deadline) {
            AtomicInteger seen = RUNS.get(recipient);
            if (seen != null && seen.get() >= runs) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError(recipient + " was not tried " + runs + " times: " + RUNS);
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
