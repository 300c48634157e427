package org.yubin.filter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.yubin.filter.FilterTestSupport.body;
import static org.yubin.filter.FilterTestSupport.exchange;
import static org.yubin.filter.FilterTestSupport.message;

import java.io.IOException;
import java.time.Duration;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.yubin.config.YubinProperties;
import org.yubin.smtp.SmtpRejectException;
import org.yubin.testsupport.LogCapture;

/** The clamdScan step's verdicts and policies against {@link FakeClamd}. */
class ClamdScanProcessorTest {

    private final FakeClamd clamd = new FakeClamd();
    private final CamelContext camel = new DefaultCamelContext();

    @AfterEach
    void stop() throws IOException {
        clamd.close();
    }

    private ClamdScanProcessor processor(String action, String onFailure) {
        YubinProperties properties = new YubinProperties();
        properties.getClamd().setAddress(clamd.address().toString());
        properties.getClamd().setAction(action);
        properties.getClamd().setOnFailure(onFailure);
        properties.getClamd().setTimeout(Duration.ofMillis(500));
        return new ClamdScanProcessor(properties);
    }

    @Test
    void infectedMailIsRefusedWith554NamingTheSignatureAndOneLogLine() {
        clamd.answer = "stream: Test.EICAR.UNOFFICIAL FOUND";
        try (LogCapture log = LogCapture.of(ClamdScanProcessor.class)) {
            assertThatThrownBy(() -> processor("reject", "accept").process(exchange(camel, message("v", "x"), "alice@example.com")))
                    .isInstanceOfSatisfying(SmtpRejectException.class, e ->
                            assertThat(e.reply().toWireString()).isEqualTo("554 5.7.1 Virus found: Test.EICAR.UNOFFICIAL\r\n"));
            assertThat(log.lines()).contains("4XyZ1: clamdScan: client=192.0.2.7, from=<sender@remote.test>, "
                    + "status=infected (Test.EICAR.UNOFFICIAL), action=reject");
        }
    }

    @Test
    void inTagModeInfectedMailGetsBothHeadersBelowReceivedAndForgedOnesAreGone() throws Exception {
        clamd.answer = "stream: Test.EICAR.UNOFFICIAL FOUND";
        byte[] forged = message("v", "x");
        String text = new String(forged, java.nio.charset.StandardCharsets.US_ASCII)
                .replace("Subject: v", "X-Virus-Status: No\r\nSubject: v");
        Exchange exchange = exchange(camel, text.getBytes(java.nio.charset.StandardCharsets.US_ASCII), "alice@example.com");

        processor("tag", "accept").process(exchange);

        assertThat(body(exchange)).contains("+0000\r\nX-Virus-Status: Yes\r\nX-Virus-Name: Test.EICAR.UNOFFICIAL\r\nFrom: ")
                .doesNotContain("X-Virus-Status: No");
        assertThat(clamd.streams.get(0)).isEqualTo(text.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    }

    @Test
    void cleanMailGetsXVirusStatusNo() throws Exception {
        Exchange exchange = exchange(camel, message("clean", "hello"), "alice@example.com");
        processor("reject", "accept").process(exchange);
        assertThat(body(exchange)).contains("+0000\r\nX-Virus-Status: No\r\nFrom: ");
    }

    @Test
    void clamdDownWithPolicyAcceptDeliversWithoutVirusHeaderAndWarnsOnce() throws Exception {
        clamd.close();
        Exchange exchange = exchange(camel, message("down", "hello"), "alice@example.com");
        try (LogCapture log = LogCapture.of(ClamdScanProcessor.class)) {
            processor("reject", "accept").process(exchange);
            assertThat(log.lines()).containsOnlyOnce("4XyZ1: clamdScan: from=<sender@remote.test>, status=unavailable (")
                    .contains("policy=accept");
        }
        assertThat(body(exchange)).isEqualTo(new String(message("down", "hello"), java.nio.charset.StandardCharsets.US_ASCII));
    }

    @Test
    void aSilentClamdWithPolicyTempfailAnswers451AndWithPolicyReject554() {
        clamd.answer = null;
        assertThatThrownBy(() -> processor("reject", "tempfail").process(exchange(camel, message("slow", "x"))))
                .isInstanceOfSatisfying(SmtpRejectException.class, e ->
                        assertThat(e.reply().toString()).startsWith("451 4.7.1 "));
        assertThatThrownBy(() -> processor("reject", "reject").process(exchange(camel, message("slow", "x"))))
                .isInstanceOfSatisfying(SmtpRejectException.class, e ->
                        assertThat(e.reply().toString()).startsWith("554 5.7.1 "));
    }

    @Test
    void mailLargerThanMaxStreamLengthIsNotSentAndSaysSo() throws Exception {
        YubinProperties properties = new YubinProperties();
        properties.getClamd().setAddress(clamd.address().toString());
        properties.getClamd().setMaxStreamLength(100);
        Exchange exchange = exchange(camel, message("big", "y".repeat(200)), "alice@example.com");

        new ClamdScanProcessor(properties).process(exchange);

        assertThat(body(exchange)).contains("+0000\r\nX-Virus-Scan: skipped, larger than 100 bytes\r\nFrom: ")
                .doesNotContain("X-Virus-Status");
        assertThat(clamd.connections()).isZero();
    }

    @Test
    void withoutAnAddressTheStepPassesMailOnUntouchedAndSaysSoAtStart() throws Exception {
        Exchange exchange = exchange(camel, message("off", "hello"), "alice@example.com");
        try (LogCapture log = LogCapture.of(ClamdScanProcessor.class)) {
            new ClamdScanProcessor(new YubinProperties()).process(exchange);
            assertThat(log.lines()).contains("virus scanning is off");
        }
        assertThat(body(exchange)).isEqualTo(new String(message("off", "hello"), java.nio.charset.StandardCharsets.US_ASCII));
    }

    @Test
    void wrongSettingsFailTheStart() {
        assertThatThrownBy(() -> processor("quarantine", "accept")).hasMessageStartingWith("yubin.clamd.action:");
        assertThatThrownBy(() -> processor("reject", "discard")).hasMessageStartingWith("yubin.clamd.on-failure:");
    }
}
