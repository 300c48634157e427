package org.yubin.admin;

import java.util.Map;

import org.springframework.boot.Banner;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.PropertyResolver;
import org.yubin.config.YubinProperties;

/**
 * The command line's Spring context: nothing but {@link YubinProperties}, bound from
 * the same sources as the server's (config/application.yaml, the environment,
 * SPRING_CONFIG_ADDITIONAL_LOCATION, -D system properties). No auto-configuration:
 * no Camel, no listeners, no broker, so it runs beside a running server.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(YubinProperties.class)
public class CliConfiguration {

    /** The server's settings, as the server would see them from the current directory. */
    public static YubinProperties load() {
        try (ConfigurableApplicationContext context = builder().run()) {
            return context.getBean(YubinProperties.class);
        }
    }

    /**
     * All settings as the server would see them (camel.* included), for commands that
     * resolve names the server resolves; still usable after the context is closed.
     */
    public static PropertyResolver loadEnvironment() {
        try (ConfigurableApplicationContext context = builder().run()) {
            return context.getEnvironment();
        }
    }

    private static SpringApplicationBuilder builder() {
        return new SpringApplicationBuilder(CliConfiguration.class)
                .web(WebApplicationType.NONE)
                .bannerMode(Banner.Mode.OFF)
                .logStartupInfo(false)
                .registerShutdownHook(false)
                // the command line's own output must not mix with log lines
                .properties(Map.of("logging.level.root", "error"));
    }
}
