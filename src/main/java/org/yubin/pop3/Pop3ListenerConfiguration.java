package org.yubin.pop3;

import io.netty.handler.ssl.SslContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.yubin.auth.Authenticator;
import org.yubin.config.YubinProperties;
import org.yubin.delivery.store.MailStore;
import org.yubin.tls.ListenerTls;

/**
 * The POP3 listeners' pipeline factories, named for {@code routes/pop3.yaml}: POP3 with
 * STLS ({@code yubin.pop3.port}, 110 in production) and POP3S with implicit TLS
 * ({@code yubin.pop3s.port}, 995). Both use the {@code yubin.pop3.*} limits and one set of
 * maildrop locks, so a user is logged in once across both.
 */
@Configuration(proxyBeanMethods = false)
public class Pop3ListenerConfiguration {

    @Bean
    public MaildropLocks pop3MaildropLocks() {
        return new MaildropLocks();
    }

    @Bean
    public Pop3ServerInitializer pop3ServerInitializer(YubinProperties properties, SslContext serverSslContext,
                                                       Authenticator authenticator, MailStore mailStore,
                                                       MaildropLocks pop3MaildropLocks) {
        return new Pop3ServerInitializer(Pop3Settings.from("pop3", properties), ListenerTls.startTls(serverSslContext),
                authenticator, mailStore, pop3MaildropLocks);
    }

    @Bean
    public Pop3ServerInitializer pop3sServerInitializer(YubinProperties properties, SslContext serverSslContext,
                                                        Authenticator authenticator, MailStore mailStore,
                                                        MaildropLocks pop3MaildropLocks) {
        return new Pop3ServerInitializer(Pop3Settings.from("pop3s", properties), ListenerTls.implicit(serverSslContext),
                authenticator, mailStore, pop3MaildropLocks);
    }
}
