package org.yubin.filter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import java.net.UnixDomainSocketAddress;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

class DaemonAddressTest {

    @Test
    void unixAndTcpAddressesIncludingBracketedIpv6AreParsed() {
        assertThat(DaemonAddress.parse("k", "unix:/run/clamav/clamd.ctl").socketAddress())
                .isEqualTo(UnixDomainSocketAddress.of(Path.of("/run/clamav/clamd.ctl")));
        InetSocketAddress tcp = (InetSocketAddress) DaemonAddress.parse("k", " tcp:spam.example:783 ").socketAddress();
        assertThat(tcp.getHostString()).isEqualTo("spam.example");
        assertThat(tcp.getPort()).isEqualTo(783);
        assertThat(((InetSocketAddress) DaemonAddress.parse("k", "tcp:[::1]:3310").socketAddress()).getHostString())
                .isEqualTo("::1");
    }

    @Test
    void malformedAddressesAreRefusedNamingTheSetting() {
        for (String bad : new String[] {"", "unix:", "/run/clamd.ctl", "tcp:host", "tcp::783", "tcp:host:0",
                "tcp:host:99999", "tcp:host:port", "http://host:80"}) {
            assertThatThrownBy(() -> DaemonAddress.parse("yubin.clamd.address", bad))
                    .as(bad).isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("yubin.clamd.address: ");
        }
    }
}
