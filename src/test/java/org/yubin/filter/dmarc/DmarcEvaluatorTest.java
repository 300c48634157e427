package org.yubin.filter.dmarc;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yubin.delivery.remote.TestDnsServer;
import org.yubin.filter.spf.AuthDns;

class DmarcEvaluatorTest {

    static TestDnsServer dns;
    static DmarcEvaluator dmarc;

    @BeforeAll
    static void zone() {
        dns = new TestDnsServer()
                .txt("_dmarc.example.com", "v=DMARC1; p=reject; sp=quarantine; rua=mailto:d@example.com")
                .txt("_dmarc.strict.test", "v=DMARC1; p=reject; adkim=s; aspf=s")
                .txt("_dmarc.sampled.test", "v=DMARC1; p=reject; pct=0")
                .servfail("_dmarc.broken.test");
        dmarc = new DmarcEvaluator(new AuthDns(List.of(dns.address()), Duration.ofSeconds(2)), () -> 50);
    }

    @AfterAll
    static void stop() throws InterruptedException {
        dns.close();
    }

    @Test
    void anAlignedSpfPassPasses() {
        assertThat(dmarc.evaluate("example.com", "example.com", List.of()))
                .isEqualTo(new DmarcVerdict("pass", "example.com", "reject", "none"));
    }

    @Test
    void anAlignedDkimPassPassesWhenSpfDidNot() {
        assertThat(dmarc.evaluate("example.com", null, List.of("other.test", "example.com")).result()).isEqualTo("pass");
    }

    @Test
    void noAlignedIdentifierFailsWithThePolicysDisposition() {
        assertThat(dmarc.evaluate("example.com", "other.test", List.of("other.test")))
                .isEqualTo(new DmarcVerdict("fail", "example.com", "reject", "reject"));
    }

    @Test
    void aDomainWithoutARecordIsNoneAndServfailIsTemperror() {
        assertThat(dmarc.evaluate("nodmarc.test", "nodmarc.test", List.of()).result()).isEqualTo("none");
        assertThat(dmarc.evaluate("broken.test", null, List.of()).result()).isEqualTo("temperror");
        assertThat(dmarc.evaluate(null, null, List.of()).result()).isEqualTo("permerror");
    }

    @Test
    void relaxedAlignmentAcceptsASubdomainAndStrictDoesNot() {
        assertThat(dmarc.evaluate("example.com", "bounce.example.com", List.of()).result()).isEqualTo("pass");
        assertThat(dmarc.evaluate("strict.test", "bounce.strict.test", List.of("mail.strict.test")).result()).isEqualTo("fail");
        assertThat(dmarc.evaluate("strict.test", null, List.of("strict.test")).result()).isEqualTo("pass");
    }

    @Test
    void aSubdomainWithoutItsOwnRecordGetsTheOrganizationalDomainsSubdomainPolicy() {
        assertThat(dmarc.evaluate("news.example.com", "other.test", List.of()))
                .isEqualTo(new DmarcVerdict("fail", "news.example.com", "quarantine", "quarantine"));
    }

    @Test
    void aMessageOutsideThePctSampleGetsTheNextMilderDisposition() {
        assertThat(dmarc.evaluate("sampled.test", null, List.of()).disposition()).isEqualTo("quarantine");
    }

    @Test
    void theFromDomainNeedsExactlyOneFromAddress() {
        assertThat(FromDomain.of(bytes("From: \"Doe, Jane\" (work) <Jane@Example.COM>\r\nTo: x@y.test\r\n\r\nbody")))
                .isEqualTo("example.com");
        assertThat(FromDomain.of(bytes("From: a@one.test,\r\n b@two.test\r\n\r\n"))).isNull();
        assertThat(FromDomain.of(bytes("From: a@one.test\r\nFrom: a@one.test\r\n\r\n"))).isNull();
        assertThat(FromDomain.of(bytes("Subject: none\r\n\r\nFrom: a@one.test\r\n"))).isNull();
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
