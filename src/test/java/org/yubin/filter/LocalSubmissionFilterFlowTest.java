package org.yubin.filter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.yubin.filter.FilterTestSupport.EICAR;
import static org.yubin.filter.FlowAssertions.delivered;
import static org.yubin.filter.FlowAssertions.messagesContaining;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.yubin.YubinApplication;
import org.yubin.admin.Sendmail;
import org.yubin.config.YubinProperties;
import org.yubin.delivery.FilterRejectBounce;
import org.yubin.testsupport.LogCapture;
import org.yubin.testsupport.Temp;
import org.yubin.testsupport.TestMailSystem;

/**
 * {@code ops/sendmail} mail through the content filters ({@code routes/local.yaml}), with
 * a real clamd rejecting viruses and the {@code tempfail} failure policy: a virus comes
 * back to the local sender as a DSN and reaches nobody, clean mail is delivered with
 * {@code X-Virus-Status: No}, and with clamd down the message waits in the queue until
 * clamd is back.
 */
@SpringBootTest(classes = YubinApplication.class, webEnvironment = SpringBootTest.WebEnvironment.NONE)
@DirtiesContext
class LocalSubmissionFilterFlowTest {

    static final TestMailSystem MAIL = new TestMailSystem(Temp.dir("filters-local"), List.of("alice", "bob", "carol"),
            List.of(), "");
    static final ClamdDaemon CLAMD = new ClamdDaemon();

    @DynamicPropertySource
    static void settings(DynamicPropertyRegistry registry) {
        MAIL.register((key, value) -> registry.add(key, () -> value));
        registry.add("server.port", () -> "0");
        registry.add("yubin.clamd.address", CLAMD::address);
        registry.add("yubin.clamd.action", () -> "reject");
        registry.add("yubin.clamd.on-failure", () -> "tempfail");
    }

    @AfterAll
    static void stopClamd() {
        CLAMD.close();
    }

    @Autowired
    YubinProperties properties;

    private static byte[] message(String id, String body) {
        return ("From: alice@example.com\nTo: bob@example.com, carol@example.com\nSubject: local " + id + "\n"
                + "Message-ID: <" + id + "@example.com>\n\n" + body + "\n").getBytes(StandardCharsets.US_ASCII);
    }

    /** Runs sendmail in this JVM; a failure shows what it printed. */
    private int sendmail(byte[] message, String... args) {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = Sendmail.run(args, () -> properties, new ByteArrayInputStream(message),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(status).as("sendmail: %s", err.toString(StandardCharsets.UTF_8)).isZero();
        return status;
    }

    @Test
    void aVirusComesBackToTheLocalSenderAsOneDsnAndReachesNoRecipient() throws Exception {
        try (LogCapture log = LogCapture.of(FilterRejectBounce.class)) {
            assertThat(sendmail(message("virus-1", EICAR), "-f", "alice@example.com", "bob@example.com",
                    "carol@example.com")).isZero();

            String dsn = delivered(MAIL, "alice", "<virus-1@example.com>");
            assertThat(dsn).contains("From: Mail Delivery System <MAILER-DAEMON@mx.example.test>")
                    .contains("Content-Type: multipart/report; report-type=delivery-status")
                    .contains("Final-Recipient: rfc822; bob@example.com\nAction: failed\nStatus: 5.7.1\n"
                            + "Diagnostic-Code: smtp; 554 5.7.1 Virus found: " + ClamdDaemon.SIGNATURE + "\n")
                    .contains("Final-Recipient: rfc822; carol@example.com\nAction: failed\nStatus: 5.7.1\n")
                    .doesNotContain(EICAR);
            assertThat(log.lines()).containsPattern("[A-Z0-9]+: milter-reject: from=<alice@example.com>, to=<bob@example.com>,<carol@example.com>, "
                            + "status=bounced \\(554 5\\.7\\.1 Virus found: Test\\.EICAR\\.UNOFFICIAL\\), "
                            + "sender non-delivery notification: [A-Z0-9]+");
        }
        Thread.sleep(1000);
        assertThat(messagesContaining(MAIL, "bob", "<virus-1@example.com>")).isEmpty();
        assertThat(messagesContaining(MAIL, "carol", "<virus-1@example.com>")).isEmpty();
    }

    @Test
    void cleanMailIsDeliveredWithXVirusStatusNo() throws Exception {
        assertThat(sendmail(message("clean-1", "hello"), "-f", "alice@example.com", "bob@example.com")).isZero();

        assertThat(delivered(MAIL, "bob", "<clean-1@example.com>")).contains("\nX-Virus-Status: No\n");
    }

    @Test
    void withClamdDownTheMessageWaitsInTheQueueAndIsDeliveredWhenClamdIsBack() throws Exception {
        try (LogCapture log = LogCapture.of(FilterRejectBounce.class)) {
            CLAMD.stop();
            try {
                assertThat(sendmail(message("later-1", "hello"), "-f", "alice@example.com", "bob@example.com")).isZero();
                long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
                while (!log.lines().contains("status=deferred (451 4.7.1") && System.nanoTime() < deadline) {
                    Thread.sleep(50);
                }
                assertThat(log.lines()).contains(": milter-reject: from=<alice@example.com>, "
                        + "to=<bob@example.com>, status=deferred (451 4.7.1 Content check temporarily unavailable");
                assertThat(messagesContaining(MAIL, "bob", "<later-1@example.com>")).isEmpty();
                assertThat(messagesContaining(MAIL, "alice", "<later-1@example.com>")).isEmpty();
            } finally {
                CLAMD.start();
            }
        }
        assertThat(delivered(MAIL, "bob", "<later-1@example.com>")).contains("\nX-Virus-Status: No\n");
    }
}
