package org.yubin.delivery.remote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.yubin.delivery.PermanentDeliveryException;
import org.yubin.delivery.TemporaryDeliveryException;

/** MX look-ups through a DNS server the test runs (RFC 5321 5.1, RFC 7505). */
class MxLookupTest {

    static final TestDnsServer DNS = new TestDnsServer()
            .mx("remote.test", 20, "backup.remote.test")
            .mx("remote.test", 10, "mx1.remote.test")
            .mx("remote.test", 30, "last.remote.test")
            .a("mx1.remote.test", "192.0.2.10")
            .a("implicit.test", "192.0.2.20")
            .nullMx("nullmx.test")
            .a("nullmx.test", "192.0.2.30")
            .servfail("broken.test")
            .silent("silent.test");

    final MxLookup lookup = new MxLookup(List.of(DNS.address()), Duration.ofSeconds(1));

    @AfterAll
    static void stop() throws Exception {
        DNS.close();
    }

    @Test
    void mxHostsComeSortedByPreference() throws Exception {
        assertThat(lookup.mailHosts("remote.test")).containsExactly(
                new MxHost("mx1.remote.test", 10), new MxHost("backup.remote.test", 20), new MxHost("last.remote.test", 30));
        assertThat(lookup.addresses("mx1.remote.test")).containsExactly(InetAddress.getByName("192.0.2.10"));
    }

    @Test
    void aDomainWithAnAddressButNoMxIsItsOwnMailHost() throws Exception {
        assertThat(lookup.mailHosts("implicit.test")).containsExactly(new MxHost("implicit.test", 0));
    }

    @Test
    void nullMxIsAPermanentFailureWithStatus5110() {
        assertThatThrownBy(() -> lookup.mailHosts("nullmx.test"))
                .isInstanceOf(PermanentDeliveryException.class)
                .hasMessage("Recipient address has null MX")
                .satisfies(e -> assertThat(((PermanentDeliveryException) e).enhancedStatus()).isEqualTo("5.1.10"));
    }

    @Test
    void aDomainThatDoesNotExistIsAPermanentFailureWithStatus512() {
        assertThatThrownBy(() -> lookup.mailHosts("nowhere.test"))
                .isInstanceOf(PermanentDeliveryException.class)
                .satisfies(e -> assertThat(((PermanentDeliveryException) e).enhancedStatus()).isEqualTo("5.1.2"));
    }

    @Test
    void aMailHostWithoutAddressIsAPermanentFailure() {
        assertThatThrownBy(() -> lookup.addresses("backup.remote.test"))
                .isInstanceOf(PermanentDeliveryException.class);
    }

    @Test
    void servfailAndTimeoutAreTemporaryFailures() {
        assertThatThrownBy(() -> lookup.mailHosts("broken.test"))
                .isInstanceOf(TemporaryDeliveryException.class)
                .satisfies(e -> assertThat(((TemporaryDeliveryException) e).enhancedStatus()).isEqualTo("4.4.3"));
        assertThatThrownBy(() -> lookup.mailHosts("silent.test"))
                .isInstanceOf(TemporaryDeliveryException.class);
    }

    @Test
    void ipLiteralsNeedNoLookup() throws Exception {
        assertThat(lookup.addresses("127.0.0.1")).containsExactly(InetAddress.getByName("127.0.0.1"));
    }
}
