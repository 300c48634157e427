package org.yubin.delivery.remote;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.yubin.config.YubinProperties;

/**
 * Outbound SMTP: the DNS look-up ({@code yubin.dns.*}), the connection pool and the
 * {@code remoteDelivery} step of {@code routes/outbound.yaml} ({@code yubin.outbound.*}).
 * Bad settings (an unparsable relayhost or DNS server) stop the start with a clear message.
 */
@Configuration(proxyBeanMethods = false)
public class OutboundConfiguration {

    @Bean
    MxLookup mxLookup(YubinProperties properties) {
        return new MxLookup(properties.getDns().getServers(), properties.getDns().getTimeout());
    }

    @Bean(destroyMethod = "close")
    OutboundConnectionPool outboundConnectionPool(YubinProperties properties) {
        YubinProperties.Outbound outbound = properties.getOutbound();
        return new OutboundConnectionPool(outbound.getDestinationConcurrency(), outbound.getConnectionReuseTime(),
                outbound.getConnectTimeout());
    }

    @Bean("remoteDelivery")
    RemoteDeliveryProcessor remoteDelivery(YubinProperties properties, MxLookup mxLookup, OutboundConnectionPool pool) {
        YubinProperties.Outbound outbound = properties.getOutbound();
        HostPort relayhost = null;
        if (outbound.getRelayhost() != null && !outbound.getRelayhost().isBlank()) {
            try {
                relayhost = HostPort.parse(outbound.getRelayhost(), outbound.getSmtpPort());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("yubin.outbound.relayhost: " + e.getMessage(), e);
            }
        }
        String helo = outbound.getHeloName() == null || outbound.getHeloName().isBlank()
                ? properties.effectiveHostname() : outbound.getHeloName();
        SmtpClientSettings settings = new SmtpClientSettings(helo, outbound.getConnectTimeout(),
                outbound.getCommandTimeout(), outbound.getDataDoneTimeout());
        return new RemoteDeliveryProcessor(new SmtpTransport(mxLookup, pool, settings, relayhost, outbound.getSmtpPort()), properties);
    }
}
