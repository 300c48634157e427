package org.yubin.filter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.yubin.filter.FilterTestSupport.DIRECTORY;
import static org.yubin.filter.FilterTestSupport.body;
import static org.yubin.filter.FilterTestSupport.exchange;
import static org.yubin.filter.FilterTestSupport.message;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.yubin.config.YubinProperties;
import org.yubin.smtp.SmtpRejectException;
import org.yubin.testsupport.LogCapture;

/** The spamdCheck step's headers, per-user choice and policies against {@link FakeSpamd}. */
class SpamdProcessorTest {

    private final FakeSpamd spamd = new FakeSpamd();
    private final CamelContext camel = new DefaultCamelContext();
    private final YubinProperties properties = new YubinProperties();

    SpamdProcessorTest() {
        properties.getSpamd().setAddress(spamd.address().toString());
    }

    @AfterEach
    void stop() throws IOException {
        spamd.close();
    }

    private SpamdProcessor processor() {
        return new SpamdProcessor(properties, DIRECTORY);
    }

    @Test
    void spamAssassinsFieldsAreAddedUnchangedBelowReceivedAndForgedOnesRemoved() throws Exception {
        spamd.answer = FakeSpamd.answerFor(true, 1005.2);
        String forged = new String(message("gtube", "x"), StandardCharsets.US_ASCII)
                .replace("Subject: gtube", "X-Spam-Status: No\r\nX-Spam-Flag: NO\r\nSubject: gtube");
        Exchange exchange = exchange(camel, forged.getBytes(StandardCharsets.US_ASCII), "alice@example.com");

        processor().process(exchange);

        assertThat(body(exchange)).contains("+0000\r\nX-Spam-Checker-Version: SpamAssassin 4.0.1 (2024-03-25) on fake\r\n"
                + "X-Spam-Flag: YES\r\nX-Spam-Level: " + "*".repeat(50) + "\r\n"
                + "X-Spam-Status: Yes, score=1005.2 required=5.0 tests=GTUBE,\r\n\tMISSING_DATE autolearn=disabled version=4.0.1\r\n"
                + "From: ").doesNotContain("X-Spam-Status: No", "X-Spam-Flag: NO");
    }

    @Test
    void theOnlyRecipientsLoginIsTheUserAndSeveralRecipientsOrARemoteOneSendNone() throws Exception {
        processor().process(exchange(camel, message("a", "x"), "Alice@Example.com"));
        processor().process(exchange(camel, message("b", "x"), "alice@example.com", "bob@example.com"));
        processor().process(exchange(camel, message("c", "x"), "team@example.com"));
        processor().process(exchange(camel, message("d", "x"), "someone@remote.test"));
        properties.getSpamd().setUser("none");
        processor().process(exchange(camel, message("e", "x"), "alice@example.com"));

        assertThat(spamd.heads.get(0)).contains("User: alice@example.com\r\n");
        assertThat(spamd.heads.subList(1, 5)).allSatisfy(head -> assertThat(head).doesNotContain("User:"));
    }

    @Test
    void aScoreAtTheRejectScoreIsRefusedWith554AndBelowItIsAccepted() throws Exception {
        properties.getSpamd().setRejectScore(10.0);
        spamd.answer = FakeSpamd.answerFor(true, 9.9);
        processor().process(exchange(camel, message("a", "x"), "alice@example.com"));

        spamd.answer = FakeSpamd.answerFor(true, 10.0);
        try (LogCapture log = LogCapture.of(SpamdProcessor.class)) {
            assertThatThrownBy(() -> processor().process(exchange(camel, message("b", "x"), "alice@example.com")))
                    .isInstanceOfSatisfying(SmtpRejectException.class, e ->
                            assertThat(e.reply().toString()).isEqualTo("554 5.7.1 Spam message rejected"));
            assertThat(log.lines()).contains("4XyZ1: spamdCheck: client=192.0.2.7, from=<sender@remote.test>, "
                    + "user=alice@example.com, status=spam, score=10.0, required=5.0, action=reject");
        }
    }

    @Test
    void spamdDownFollowsItsOwnFailurePolicy() throws Exception {
        spamd.close();
        Exchange accepted = exchange(camel, message("down", "x"), "alice@example.com");
        processor().process(accepted);
        assertThat(body(accepted)).doesNotContain("X-Spam-");

        properties.getSpamd().setOnFailure("tempfail");
        assertThatThrownBy(() -> processor().process(exchange(camel, message("down", "x"), "alice@example.com")))
                .isInstanceOfSatisfying(SmtpRejectException.class, e -> assertThat(e.reply().code()).isEqualTo(451));
        properties.getSpamd().setOnFailure("reject");
        assertThatThrownBy(() -> processor().process(exchange(camel, message("down", "x"), "alice@example.com")))
                .isInstanceOfSatisfying(SmtpRejectException.class, e -> assertThat(e.reply().code()).isEqualTo(554));
    }

    @Test
    void mailLargerThanMaxSizeIsNotCheckedAndLoggedOnce() throws Exception {
        properties.getSpamd().setMaxSize(100);
        try (LogCapture log = LogCapture.of(SpamdProcessor.class)) {
            processor().process(exchange(camel, message("big", "z".repeat(200)), "alice@example.com"));
            assertThat(log.lines()).containsOnlyOnce("status=skipped (larger than max-size 100)");
        }
        assertThat(spamd.requests()).isZero();
    }

    @Test
    void withoutAnAddressTheStepPassesMailOnUntouched() throws Exception {
        Exchange exchange = exchange(camel, message("off", "x"), "alice@example.com");
        new SpamdProcessor(new YubinProperties(), DIRECTORY).process(exchange);
        assertThat(body(exchange)).isEqualTo(new String(message("off", "x"), StandardCharsets.US_ASCII));
        assertThat(spamd.requests()).isZero();
    }

    @Test
    void wrongSettingsFailTheStart() {
        properties.getSpamd().setUser("everyone");
        assertThatThrownBy(this::processor).hasMessageStartingWith("yubin.spamd.user:");
        properties.getSpamd().setUser("recipient");
        properties.getSpamd().setAddress("localhost:783");
        assertThatThrownBy(this::processor).hasMessageStartingWith("yubin.spamd.address:");
    }
}
