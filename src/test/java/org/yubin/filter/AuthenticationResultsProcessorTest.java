package org.yubin.filter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yubin.config.YubinProperties;
import org.yubin.delivery.remote.TestDnsServer;
import org.yubin.filter.dkim.DkimVerifyProcessor;
import org.yubin.filter.dmarc.DmarcCheckProcessor;
import org.yubin.filter.spf.AuthDns;
import org.yubin.filter.spf.SpfCheckProcessor;
import org.yubin.queue.EnvelopeHeaders;
import org.yubin.smtp.SmtpRejectException;

/** spfCheck, dmarcCheck and authenticationResults in their route order, on exchanges. */
class AuthenticationResultsProcessorTest {

    static final CamelContext CAMEL = new DefaultCamelContext();
    static TestDnsServer dns;
    static AuthDns authDns;

    @BeforeAll
    static void zone() {
        dns = new TestDnsServer()
                .txt("good.test", "v=spf1 ip4:192.0.2.0/24 -all")
                .txt("client.good.test", "v=spf1 ip4:192.0.2.0/24 -all")
                .txt("_dmarc.good.test", "v=DMARC1; p=reject")
                .txt("_dmarc.quarantined.test", "v=DMARC1; p=quarantine");
        authDns = new AuthDns(List.of(dns.address()), Duration.ofSeconds(2));
    }

    @AfterAll
    static void stop() throws InterruptedException {
        dns.close();
    }

    private static Exchange run(String message, String client, String mailFrom, String listener, boolean enforce,
                                List<String> dkimResults) throws Exception {
        YubinProperties properties = new YubinProperties();
        properties.setHostname("mx.example.test");
        properties.getDmarc().setEnforce(enforce);
        Exchange exchange = new DefaultExchange(CAMEL);
        exchange.getIn().setBody(message.getBytes(StandardCharsets.US_ASCII));
        exchange.getIn().setHeader(EnvelopeHeaders.QUEUE_ID, "Q1");
        exchange.getIn().setHeader(EnvelopeHeaders.CLIENT_ADDRESS, client);
        exchange.getIn().setHeader(EnvelopeHeaders.MAIL_FROM, mailFrom);
        exchange.getIn().setHeader(EnvelopeHeaders.HELO, "client.good.test");
        exchange.getIn().setHeader(EnvelopeHeaders.LISTENER, listener);
        if (dkimResults != null) {
            exchange.setProperty(DkimVerifyProcessor.RESULTS, dkimResults);
            // what dkimVerify records next to the results: the d= of the passing signatures
            exchange.setProperty(DkimVerifyProcessor.PASS_DOMAINS, dkimResults.stream()
                    .filter(result -> result.startsWith("pass "))
                    .map(result -> result.replaceAll(".*header\\.d=(\\S+).*", "$1")).toList());
        }
        new SpfCheckProcessor(properties, authDns).process(exchange);
        new DmarcCheckProcessor(properties, authDns).process(exchange);
        new AuthenticationResultsProcessor(properties).process(exchange);
        return exchange;
    }

    private static String body(Exchange exchange) {
        return new String(exchange.getIn().getBody(byte[].class), StandardCharsets.US_ASCII);
    }

    @Test
    void oneFieldBelowReceivedCarriesEachDkimResultSpfAndDmarc() throws Exception {
        Exchange exchange = run("Received: from x by mx.example.test\r\nFrom: a@good.test\r\n\r\nHi\r\n",
                "203.0.113.9", "a@good.test", "mx", false,
                List.of("pass header.d=good.test header.s=s1 header.b=AbCdEfGh", "fail header.d=other.test header.s=s2"));

        assertThat(body(exchange)).isEqualTo("Received: from x by mx.example.test\r\n"
                + "Authentication-Results: mx.example.test;\r\n"
                + "\tdkim=pass header.d=good.test header.s=s1 header.b=AbCdEfGh;\r\n"
                + "\tdkim=fail header.d=other.test header.s=s2;\r\n"
                + "\tspf=fail smtp.mailfrom=a@good.test;\r\n"
                + "\tdmarc=pass (p=reject) header.from=good.test\r\n"
                + "From: a@good.test\r\n\r\nHi\r\n");
    }

    @Test
    void withoutSignaturesDkimIsNoneAndTheNullSenderIsCheckedByHelo() throws Exception {
        Exchange exchange = run("From: a@good.test\r\n\r\nHi\r\n", "192.0.2.1", "", "mx", false, null);

        assertThat(body(exchange)).startsWith("Authentication-Results: mx.example.test;\r\n\tdkim=none;\r\n"
                + "\tspf=pass smtp.helo=client.good.test;\r\n\tdmarc=pass (p=reject) header.from=good.test\r\n");
    }

    @Test
    void resultsWithOurHostnameTheSenderWroteAreRemovedAndOthersKept() throws Exception {
        Exchange exchange = run("Authentication-Results: MX.example.test; spf=pass\r\n\tsmtp.mailfrom=a@good.test\r\n"
                        + "Authentication-Results: other.test; spf=pass smtp.mailfrom=a@good.test\r\n"
                        + "X-Yubin-Quarantine: none\r\nFrom: a@good.test\r\n\r\nHi\r\n",
                "192.0.2.1", "a@good.test", "mx", false, null);

        String body = body(exchange);
        assertThat(body.split("Authentication-Results: mx.example.test;", -1)).hasSize(2);
        assertThat(body).doesNotContain("MX.example.test", "X-Yubin-Quarantine")
                .contains("\r\nAuthentication-Results: other.test; spf=pass smtp.mailfrom=a@good.test\r\n")
                .endsWith("\r\nFrom: a@good.test\r\n\r\nHi\r\n");
    }

    @Test
    void enforcedRejectPolicyRefusesAFailingMessageAndQuarantineMarksIt() throws Exception {
        assertThatThrownBy(() -> run("From: a@good.test\r\n\r\nHi\r\n", "203.0.113.9", "a@good.test", "mx", true, List.of()))
                .isInstanceOf(SmtpRejectException.class).hasMessageContaining("550")
                .hasMessageContaining("Rejected by DMARC policy of good.test");

        Exchange quarantined = run("From: a@quarantined.test\r\n\r\nHi\r\n", "203.0.113.9", "a@good.test", "mx", true, List.of());
        assertThat(body(quarantined)).contains("\tdmarc=fail (p=quarantine) header.from=quarantined.test\r\n"
                + "X-Yubin-Quarantine: dmarc\r\n");
    }

    @Test
    void submittedMailGetsNoField() throws Exception {
        Exchange exchange = run("Authentication-Results: mx.example.test; dkim=pass\r\nFrom: a@good.test\r\n\r\nHi\r\n",
                "203.0.113.9", "a@good.test", "submission", true, null);

        assertThat(body(exchange)).isEqualTo("Authentication-Results: mx.example.test; dkim=pass\r\nFrom: a@good.test\r\n\r\nHi\r\n");
    }
}
