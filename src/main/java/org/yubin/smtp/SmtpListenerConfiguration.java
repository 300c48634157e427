package org.yubin.smtp;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.yubin.config.YubinProperties;
import org.yubin.directory.RecipientResolver;

/**
 * The SMTP listeners' pipeline factories, named for the routes that use them
 * ({@code serverInitializerFactory=#mxServerInitializer}). Each listener gets its own
 * bean from {@link SmtpServerInitializer}, differing only in the name and settings.
 */
@Configuration(proxyBeanMethods = false)
public class SmtpListenerConfiguration {

    /** Port 25 style MX: no AUTH; relaying only for {@code yubin.mynetworks}. */
    @Bean
    public SmtpServerInitializer mxServerInitializer(YubinProperties properties, RecipientResolver resolver) {
        return new SmtpServerInitializer(SmtpListenerSettings.from("mx", properties), resolver);
    }
}
