package org.yubin.smtp;

import java.time.Clock;

import io.netty.handler.ssl.SslContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.yubin.config.YubinProperties;
import org.yubin.directory.RecipientResolver;
import org.yubin.smtp.hook.SmtpPolicy;

/**
 * The SMTP listeners' pipeline factories, named for the routes that use them
 * ({@code serverInitializerFactory=#mxServerInitializer}). Each listener gets its own
 * bean from {@link #listener}, differing in the name ({@code YubinListener} of its
 * messages), the TLS mode and the policy.
 */
@Configuration(proxyBeanMethods = false)
public class SmtpListenerConfiguration {

    /** Port 25 style MX: STARTTLS offered, no AUTH; relaying only for {@code yubin.mynetworks}. */
    @Bean
    public SmtpServerInitializer mxServerInitializer(YubinProperties properties, RecipientResolver resolver,
                                                     SslContext serverSslContext) {
        return listener("mx", SmtpTls.startTls(serverSslContext), properties, resolver);
    }

    /**
     * Submission (RFC 6409) with STARTTLS. Until AUTH exists it keeps the MX policy:
     * relaying only for {@code yubin.mynetworks}.
     */
    @Bean
    public SmtpServerInitializer submissionServerInitializer(YubinProperties properties, RecipientResolver resolver,
                                                             SslContext serverSslContext) {
        return listener("submission", SmtpTls.startTls(serverSslContext), properties, resolver);
    }

    /** Submission over implicit TLS (RFC 8314); the same policy as submission. */
    @Bean
    public SmtpServerInitializer smtpsServerInitializer(YubinProperties properties, RecipientResolver resolver,
                                                        SslContext serverSslContext) {
        return listener("smtps", SmtpTls.implicit(serverSslContext), properties, resolver);
    }

    static SmtpServerInitializer listener(String name, SmtpTls tls, YubinProperties properties,
                                          RecipientResolver resolver) {
        SmtpListenerSettings settings = SmtpListenerSettings.from(name, properties);
        return new SmtpServerInitializer(settings, resolver, tls, SmtpPolicy.standard(settings),
                Clock.systemDefaultZone());
    }
}
