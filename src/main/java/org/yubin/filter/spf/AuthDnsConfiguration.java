package org.yubin.filter.spf;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.yubin.config.YubinProperties;

/** The {@link AuthDns} that SPF and DMARC share ({@code yubin.dns.*}). */
@Configuration
public class AuthDnsConfiguration {

    @Bean
    public AuthDns authDns(YubinProperties properties) {
        return new AuthDns(properties.getDns().getServers(), properties.getDns().getTimeout());
    }
}
