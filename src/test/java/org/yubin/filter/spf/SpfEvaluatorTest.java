package org.yubin.filter.spf;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yubin.delivery.remote.TestDnsServer;

class SpfEvaluatorTest {

    static TestDnsServer dns;
    static SpfEvaluator spf;

    @BeforeAll
    static void zone() {
        dns = new TestDnsServer()
                .txt("pass.test", "v=spf1 ip4:192.0.2.0/24 -all")
                .txt("fail.test", "v=spf1 ip4:198.51.100.1 -all")
                .txt("soft.test", "v=spf1 ~all")
                .a("nospf.test", "192.0.2.1")
                .txt("include.test", "v=spf1 include:pass.test -all")
                .txt("redirect.test", "v=spf1 redirect=pass.test")
                .txt("mx.test", "v=spf1 mx/30 -all").mx("mx.test", 10, "mail.mx.test").a("mail.mx.test", "192.0.2.9")
                .txt("a.test", "v=spf1 a:host.a.test -all").a("host.a.test", "192.0.2.7")
                .txt("v6.test", "v=spf1 ip6:2001:db8::/32 -all")
                .txt("aaaa.test", "v=spf1 a -all").aaaa("aaaa.test", "2001:db8::25")
                .txt("exists.test", "v=spf1 exists:%{i}.%{l}._spf.%{d} -all").a("192.0.2.5.bob._spf.exists.test", "127.0.0.2")
                .txt("loop.test", "v=spf1 include:loop.test -all")
                .txt("two.test", "v=spf1 -all").txt("two.test", "v=spf1 +all")
                .txt("voids.test", "v=spf1 a:n1.voids.test a:n2.voids.test a:n3.voids.test +all")
                .txt("bad.test", "v=spf1 ip4:192.0.2.300 -all")
                .servfail("broken.test");
        spf = new SpfEvaluator(new AuthDns(List.of(dns.address()), Duration.ofSeconds(2)));
    }

    @AfterAll
    static void stop() throws InterruptedException {
        dns.close();
    }

    private static SpfResult check(String ip, String domain) throws Exception {
        return spf.checkHost(InetAddress.getByName(ip), domain, "bob@" + domain, "client.example");
    }

    @Test
    void anAddressInAnIp4NetworkPassesAndOneOutsideFails() throws Exception {
        assertThat(check("192.0.2.5", "pass.test")).isEqualTo(SpfResult.PASS);
        assertThat(check("203.0.113.5", "pass.test")).isEqualTo(SpfResult.FAIL);
        assertThat(check("192.0.2.5", "fail.test")).isEqualTo(SpfResult.FAIL);
    }

    @Test
    void tildeAllIsSoftfailAndNoRecordIsNone() throws Exception {
        assertThat(check("192.0.2.5", "soft.test")).isEqualTo(SpfResult.SOFTFAIL);
        assertThat(check("192.0.2.5", "nospf.test")).isEqualTo(SpfResult.NONE);
        assertThat(check("192.0.2.5", "nxdomain.test")).isEqualTo(SpfResult.NONE);
        assertThat(check("192.0.2.5", "not a domain")).isEqualTo(SpfResult.NONE);
    }

    @Test
    void includeAndRedirectFollowTheOtherDomainsRecord() throws Exception {
        assertThat(check("192.0.2.5", "include.test")).isEqualTo(SpfResult.PASS);
        assertThat(check("203.0.113.5", "include.test")).isEqualTo(SpfResult.FAIL);
        assertThat(check("192.0.2.5", "redirect.test")).isEqualTo(SpfResult.PASS);
        assertThat(check("203.0.113.5", "redirect.test")).isEqualTo(SpfResult.FAIL);
    }

    @Test
    void mxWithAPrefixAndAWithADomainMatchTheirHostsAddresses() throws Exception {
        assertThat(check("192.0.2.10", "mx.test")).isEqualTo(SpfResult.PASS);
        assertThat(check("192.0.2.12", "mx.test")).isEqualTo(SpfResult.FAIL);
        assertThat(check("192.0.2.7", "a.test")).isEqualTo(SpfResult.PASS);
        assertThat(check("192.0.2.8", "a.test")).isEqualTo(SpfResult.FAIL);
    }

    @Test
    void ip6NetworksAndAaaaRecordsMatchIpv6Clients() throws Exception {
        assertThat(check("2001:db8:1::1", "v6.test")).isEqualTo(SpfResult.PASS);
        assertThat(check("2001:db9::1", "v6.test")).isEqualTo(SpfResult.FAIL);
        assertThat(check("192.0.2.5", "v6.test")).isEqualTo(SpfResult.FAIL);
        assertThat(check("2001:db8::25", "aaaa.test")).isEqualTo(SpfResult.PASS);
    }

    @Test
    void existsExpandsTheIpLocalPartAndDomainMacros() throws Exception {
        assertThat(check("192.0.2.5", "exists.test")).isEqualTo(SpfResult.PASS);
        assertThat(check("192.0.2.6", "exists.test")).isEqualTo(SpfResult.FAIL);
    }

    @Test
    void moreThanTenLookupsOrTwoVoidLookupsArePermerror() throws Exception {
        assertThat(check("192.0.2.5", "loop.test")).isEqualTo(SpfResult.PERMERROR);
        assertThat(check("192.0.2.5", "voids.test")).isEqualTo(SpfResult.PERMERROR);
    }

    @Test
    void twoRecordsOrABadAddressArePermerrorAndServfailIsTemperror() throws Exception {
        assertThat(check("192.0.2.5", "two.test")).isEqualTo(SpfResult.PERMERROR);
        assertThat(check("192.0.2.5", "bad.test")).isEqualTo(SpfResult.PERMERROR);
        assertThat(check("192.0.2.5", "broken.test")).isEqualTo(SpfResult.TEMPERROR);
    }
}
