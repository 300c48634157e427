package org.yubin.imap;

import io.netty.channel.EventLoopGroup;
import io.netty.handler.ssl.SslContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.yubin.auth.Authenticator;
import org.yubin.config.YubinProperties;
import org.yubin.delivery.store.MailStore;
import org.yubin.listener.ConnectionCounter;
import org.yubin.listener.EventLoops;
import org.yubin.tls.ListenerTls;

/**
 * The IMAP listeners' pipeline factories, named for the route that uses them
 * (routes/imap.yaml): {@code imapServerInitializer} (yubin.imap.port, STARTTLS) and
 * {@code imapsServerInitializer} (yubin.imaps.port, implicit TLS). Both take their limits
 * from {@code yubin.imap} and share one count of sessions per user.
 */
@Configuration(proxyBeanMethods = false)
public class ImapListenerConfiguration {

    /**
     * IMAP's own event loops, the {@code workerGroup} of both IMAP routes: sessions run on
     * them (see {@link ImapServerInitializer}); {@code yubin.imap.worker-threads} of them,
     * 0 meaning twice the processors.
     */
    @Bean(destroyMethod = "shutdownGracefully")
    public EventLoopGroup imapEventLoops(YubinProperties properties) {
        return EventLoops.create("imap", properties.getImap().effectiveWorkerThreads(),
                properties.isNativeTransport());
    }

    @Bean
    public ConnectionCounter<String> imapUserSessions() {
        return new ConnectionCounter<>();
    }

    @Bean
    public ImapServerInitializer imapServerInitializer(YubinProperties properties, SslContext serverSslContext,
                                                       MailStore mailStore, Authenticator authenticator,
                                                       ConnectionCounter<String> imapUserSessions) {
        return new ImapServerInitializer(ImapSettings.from("imap", properties, ListenerTls.startTls(serverSslContext)),
                new ImapServices(mailStore, authenticator, imapUserSessions));
    }

    @Bean
    public ImapServerInitializer imapsServerInitializer(YubinProperties properties, SslContext serverSslContext,
                                                        MailStore mailStore, Authenticator authenticator,
                                                        ConnectionCounter<String> imapUserSessions) {
        return new ImapServerInitializer(ImapSettings.from("imaps", properties, ListenerTls.implicit(serverSslContext)),
                new ImapServices(mailStore, authenticator, imapUserSessions));
    }
}
