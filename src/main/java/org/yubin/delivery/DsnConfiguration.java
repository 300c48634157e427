package org.yubin.delivery;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.yubin.config.YubinProperties;

/**
 * The DSN steps of the delivery routes: {@code dsnBounce} and {@code dsnDelayWarning};
 * {@code filterRejectBounce} for mail a content filter refused in {@code routes/local.yaml}.
 */
@Configuration(proxyBeanMethods = false)
public class DsnConfiguration {

    @Bean("dsnBounce")
    DsnProcessor dsnBounce(YubinProperties properties) {
        return new DsnProcessor(DsnMessage.Action.FAILED, properties.effectiveHostname(),
                properties.getQueue().getLifetime().toMillis());
    }

    @Bean("dsnDelayWarning")
    DsnProcessor dsnDelayWarning(YubinProperties properties) {
        return new DsnProcessor(DsnMessage.Action.DELAYED, properties.effectiveHostname(),
                properties.getQueue().getLifetime().toMillis());
    }

    @Bean("filterRejectBounce")
    FilterRejectBounce filterRejectBounce(YubinProperties properties) {
        return new FilterRejectBounce(properties.effectiveHostname());
    }
}
