package org.yubin.directory;

import java.time.Duration;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.yubin.config.YubinProperties;

import com.unboundid.ldap.sdk.LDAPConnectionPool;
import com.unboundid.ldap.sdk.LDAPException;

/**
 * The directory beans: the embedded LDAP server (only when {@code yubin.directory.url}
 * is unset), the connection pool, {@code directory} ({@link Directory}),
 * {@code recipientResolver} ({@link RecipientResolver}) and the {@code directory}
 * health indicator.
 */
@Configuration(proxyBeanMethods = false)
public class DirectoryConfiguration {

    private static final int POOL_SIZE = 16;
    private static final long LDIF_POLL_MILLIS = 1000;

    @Bean(destroyMethod = "close")
    @ConditionalOnExpression("'${yubin.directory.url:}'.isBlank()")
    public EmbeddedDirectoryServer embeddedDirectoryServer(YubinProperties properties) {
        return new EmbeddedDirectoryServer(properties.getDirectory().getLdif(), LDIF_POLL_MILLIS);
    }

    @Bean(destroyMethod = "close")
    public LDAPConnectionPool directoryConnectionPool(YubinProperties properties,
            ObjectProvider<EmbeddedDirectoryServer> embedded) throws LDAPException {
        EmbeddedDirectoryServer server = embedded.getIfAvailable();
        return server != null ? server.connectionPool(POOL_SIZE)
                : ExternalDirectory.pool(properties.getDirectory(), POOL_SIZE);
    }

    @Bean
    public LdapDirectory directory(LDAPConnectionPool directoryConnectionPool, YubinProperties properties,
            ObjectProvider<EmbeddedDirectoryServer> embedded) {
        LdapDirectory directory = new LdapDirectory(directoryConnectionPool, properties);
        embedded.ifAvailable(server -> server.onReload(directory::refresh));
        return directory;
    }

    @Bean
    public AliasRecipientResolver recipientResolver(Directory directory, YubinProperties properties) {
        return new AliasRecipientResolver(directory, properties.getAliases());
    }

    /** Health {@code directory}: UP when a search of the directory's base succeeds. */
    @Bean
    public HealthIndicator directoryHealthIndicator(LdapDirectory directory, YubinProperties properties) {
        String base = properties.getDirectory().getDomainsBase();
        return () -> directory.isReachable(Duration.ofSeconds(5))
                ? Health.up().withDetail("base", base).build()
                : Health.down().withDetail("base", base).build();
    }
}
