package org.yubin.auth;

import java.time.Clock;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.yubin.config.YubinProperties;
import org.yubin.directory.LdapDirectory;

/**
 * Bean {@code authenticator} ({@link Authenticator}) on the directory; its login cache
 * is dropped whenever the directory refreshes (a reload of the embedded LDIF). An
 * unknown name in {@code yubin.auth.mechanisms} stops the start with a clear message.
 */
@Configuration(proxyBeanMethods = false)
public class AuthConfiguration {

    @Bean
    public Authenticator authenticator(LdapDirectory directory, YubinProperties properties) {
        Authenticator authenticator = new Authenticator(directory, AuthSettings.from(properties.getAuth()),
                Clock.systemUTC());
        directory.onRefresh(authenticator::invalidateCache);
        return authenticator;
    }
}
