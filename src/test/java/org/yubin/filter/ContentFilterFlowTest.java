package org.yubin.filter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.yubin.filter.FilterTestSupport.EICAR;
import static org.yubin.filter.FilterTestSupport.GTUBE;
import static org.yubin.filter.FlowAssertions.delivered;
import static org.yubin.filter.FlowAssertions.messagesContaining;
import static org.yubin.filter.FlowAssertions.send;
import static org.yubin.filter.FlowAssertions.sendAuthenticated;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.yubin.YubinApplication;
import org.yubin.testsupport.SmtpTestClient;
import org.yubin.testsupport.Temp;
import org.yubin.testsupport.TestMailSystem;

/**
 * The whole server with a real clamd and a real spamd (Debian packages, private
 * instances): infected mail is refused in the session naming the signature, clean mail
 * carries both verdicts, GTUBE is marked as spam, and with clamd down the {@code tempfail}
 * policy answers 451 so that the client's retry, once clamd is back, is delivered.
 */
@SpringBootTest(classes = YubinApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext
class ContentFilterFlowTest {

    static final TestMailSystem MAIL = new TestMailSystem(Temp.dir("filters"),
            List.of("alice", "bob"), List.of(), "");
    static final ClamdDaemon CLAMD = new ClamdDaemon();
    static final SpamdDaemon SPAMD = new SpamdDaemon();

    @DynamicPropertySource
    static void settings(DynamicPropertyRegistry registry) {
        MAIL.register((key, value) -> registry.add(key, () -> value));
        registry.add("yubin.clamd.address", CLAMD::address);
        registry.add("yubin.clamd.action", () -> "reject");
        registry.add("yubin.clamd.on-failure", () -> "tempfail");
        registry.add("yubin.spamd.address", SPAMD::address);
        // the submission check below logs in over plain text: TLS is not the point here
        registry.add("yubin.submission.auth-before-tls", () -> "true");
    }

    @AfterAll
    static void stopDaemons() {
        CLAMD.close();
        SPAMD.close();
    }

    private static byte[] message(String id, String body) {
        return ("From: sender@remote.test\r\nTo: alice@example.com\r\nSubject: filter test " + id + "\r\n"
                + "Date: Mon, 1 Jan 2024 00:00:00 +0000\r\nMessage-ID: <" + id + "@remote.test>\r\n\r\n"
                + body + "\r\n").getBytes(StandardCharsets.US_ASCII);
    }

    @Test
    void eicarIsRefusedInTheSessionWith554NamingTheSignatureAndNothingIsDelivered() throws Exception {
        String reply = send(MAIL.smtpPort(), "alice@example.com", message("eicar-1", EICAR));

        assertThat(reply).isEqualTo("554 5.7.1 Virus found: " + ClamdDaemon.SIGNATURE);
        send(MAIL.smtpPort(), "alice@example.com", message("after-eicar-1", "hello"));
        delivered(MAIL, "alice", "<after-eicar-1@remote.test>");
        assertThat(messagesContaining(MAIL, "alice", "<eicar-1@remote.test>")).isEmpty();
    }

    @Test
    void eicarOnTheSubmissionListenerIsRefusedToo() throws Exception {
        assertThat(sendAuthenticated(MAIL.submissionPort(), "alice@example.com", "bob@example.com",
                message("eicar-2", EICAR)))
                .startsWith("554 5.7.1 Virus found: " + ClamdDaemon.SIGNATURE);
    }

    @Test
    void plainMailGetsXVirusStatusNoAndXSpamStatusNoBelowReceived() throws Exception {
        assertThat(send(MAIL.smtpPort(), "alice@example.com", message("plain-1", "Lunch on Friday?")))
                .startsWith("250 2.0.0 Ok: queued as ");

        String stored = delivered(MAIL, "alice", "<plain-1@remote.test>");
        // each step puts its fields right below Received: the later step's end up on top
        assertThat(stored).containsPattern("\nReceived: from [^\n]+\n(\t[^\n]+\n)*X-Spam-Checker-Version: SpamAssassin ");
        String header = stored.substring(0, stored.indexOf("\n\n"));
        assertThat(header).contains("\nX-Virus-Status: No\n", "\nX-Spam-Status: No, score=");
    }

    @Test
    void gtubeGetsXSpamStatusYesWithSpamAssassinsOwnHeaders() throws Exception {
        assertThat(send(MAIL.smtpPort(), "bob@example.com", message("gtube-1", GTUBE)))
                .startsWith("250 2.0.0 Ok: queued as ");

        String stored = delivered(MAIL, "bob", "<gtube-1@remote.test>");
        assertThat(stored).contains("\nX-Spam-Flag: YES\n", "\nX-Spam-Status: Yes, score=", "GTUBE",
                "\nX-Spam-Level: *", "\nX-Virus-Status: No\n");
    }

    @Test
    void withClamdStoppedTempfailAnswers451AndTheRetryAfterClamdIsBackIsDelivered() throws Exception {
        byte[] message = message("outage-1", "sent during a clamd outage");
        try (SmtpTestClient smtp = new SmtpTestClient(MAIL.smtpPort())) {
            smtp.reply();
            smtp.command("EHLO client.remote.test");
            CLAMD.stop();
            try {
                assertThat(smtp.send("sender@remote.test", "alice@example.com", message)).startsWith("451 4.7.1 ");
            } finally {
                CLAMD.start();
            }
            assertThat(smtp.send("sender@remote.test", "alice@example.com", message)).startsWith("250 2.0.0 Ok: queued as ");
        }
        assertThat(delivered(MAIL, "alice", "<outage-1@remote.test>")).contains("\nX-Virus-Status: No\n");
    }
}
