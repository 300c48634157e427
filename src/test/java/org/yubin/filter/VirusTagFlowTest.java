package org.yubin.filter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.yubin.filter.FilterTestSupport.EICAR;
import static org.yubin.filter.FlowAssertions.delivered;
import static org.yubin.filter.FlowAssertions.send;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.yubin.YubinApplication;
import org.yubin.testsupport.Temp;
import org.yubin.testsupport.TestMailSystem;

/**
 * The whole server with a real clamd in tag mode and the {@code accept} failure policy
 * (spamd not configured: that step passes mail on): infected mail is delivered with
 * {@code X-Virus-Status: Yes} and the signature, and with clamd down mail is delivered
 * without any virus header.
 */
@SpringBootTest(classes = YubinApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext
class VirusTagFlowTest {

    static final TestMailSystem MAIL = new TestMailSystem(Temp.dir("filters-tag"), List.of("alice"), List.of(), "");
    static final ClamdDaemon CLAMD = new ClamdDaemon();

    @DynamicPropertySource
    static void settings(DynamicPropertyRegistry registry) {
        MAIL.register((key, value) -> registry.add(key, () -> value));
        registry.add("yubin.clamd.address", CLAMD::address);
        registry.add("yubin.clamd.action", () -> "tag");
        registry.add("yubin.clamd.on-failure", () -> "accept");
    }

    @AfterAll
    static void stopClamd() {
        CLAMD.close();
    }

    private static byte[] message(String id, String body) {
        return ("From: sender@remote.test\r\nTo: alice@example.com\r\nSubject: tag test " + id + "\r\n"
                + "X-Virus-Status: No\r\nMessage-ID: <" + id + "@remote.test>\r\n\r\n" + body + "\r\n")
                .getBytes(StandardCharsets.US_ASCII);
    }

    @Test
    void eicarIsDeliveredWithXVirusStatusYesAndTheSignatureAndTheForgedStatusIsGone() throws Exception {
        assertThat(send(MAIL.smtpPort(), "alice@example.com", message("tag-1", EICAR))).startsWith("250 2.0.0 Ok: queued as ");

        String stored = delivered(MAIL, "alice", "<tag-1@remote.test>");
        assertThat(stored).containsPattern("\nReceived: from [^\n]+\n(\t[^\n]+\n)*X-Virus-Status: Yes\nX-Virus-Name: "
                + ClamdDaemon.SIGNATURE.replace(".", "\\.") + "\n");
        assertThat(stored).doesNotContain("X-Virus-Status: No").doesNotContain("X-Spam-");
    }

    @Test
    void withClamdStoppedAcceptDeliversWithoutAnyVirusHeader() throws Exception {
        CLAMD.stop();
        try {
            assertThat(send(MAIL.smtpPort(), "alice@example.com", message("down-1", "hello"))).startsWith("250 2.0.0 Ok: queued as ");
        } finally {
            CLAMD.start();
        }
        assertThat(delivered(MAIL, "alice", "<down-1@remote.test>")).doesNotContain("X-Virus-");
    }
}
