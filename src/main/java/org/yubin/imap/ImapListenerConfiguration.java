package org.yubin.imap;

import io.netty.handler.ssl.SslContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.yubin.auth.Authenticator;
import org.yubin.config.YubinProperties;
import org.yubin.delivery.store.MailStore;
import org.yubin.listener.ConnectionCounter;
import org.yubin.tls.ListenerTls;

/**
 * The IMAP listeners' pipeline factories, named for the route that uses them
 * (routes/imap.yaml): {@code imapServerInitializer} (yubin.imap.port, STARTTLS) and
 * {@code imapsServerInitializer} (yubin.imaps.port, implicit TLS). Both take their limits
 * from {@code yubin.imap} and share one count of sessions per user.
 */
@Configuration(proxyBeanMethods = false)
public class ImapListenerConfiguration {

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
