package org.yubin.tls;

import java.time.Clock;
import java.util.List;

import io.netty.handler.ssl.SslContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.yubin.config.YubinProperties;

/**
 * The server certificates ({@code yubin.tls.*}) and the TLS context all listeners use.
 * An unusable certificate file stops the start with a message naming it.
 */
@Configuration(proxyBeanMethods = false)
public class TlsConfiguration {

    @Bean
    public SniCertificateStore certificateStore(YubinProperties properties) {
        YubinProperties.Tls tls = properties.getTls();
        List<CertificateSource> sources = tls.getCertificates().stream()
                .map(c -> new CertificateSource(c.getHostnames(), c.getCert(), c.getKey()))
                .toList();
        return SniCertificateStore.create(sources, properties.getDataDir(), properties.effectiveHostname(),
                tls.getReloadInterval(), Clock.systemUTC());
    }

    @Bean
    public SslContext serverSslContext(SniCertificateStore certificateStore) {
        return ServerTlsContext.build(certificateStore);
    }
}
