package org.yubin.directory;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.actuate.health.Status;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.yubin.config.YubinProperties;
import org.yubin.testsupport.TestMailSystem;

class DirectoryConfigurationTest {

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(YubinProperties.class)
    static class Properties {
    }

    @TempDir
    Path dir;

    @Test
    void withoutAnUrlTheEmbeddedDirectoryServesUsersAliasesAndHealth() throws Exception {
        Path ldif = Files.writeString(dir.resolve("directory.ldif"), TestDirectoryData.LDIF);
        Path aliases = Files.writeString(dir.resolve("aliases"), "postmaster: alice\n");
        new ApplicationContextRunner()
                .withUserConfiguration(Properties.class, DirectoryConfiguration.class)
                .withPropertyValues("yubin.directory.ldif=" + ldif, "yubin.aliases=" + aliases)
                .run(context -> {
                    assertThat(context).hasSingleBean(EmbeddedDirectoryServer.class);
                    Directory directory = context.getBean(Directory.class);
                    assertThat(directory.findRecipient("al@example.com")).isPresent();
                    RecipientResolver resolver = context.getBean("recipientResolver", RecipientResolver.class);
                    assertThat(resolver.expand("postmaster@example.org"))
                            .containsExactly(new Recipient.Unknown("alice@example.org"));
                    assertThat(resolver.expand("postmaster@example.com")).singleElement()
                            .isInstanceOf(Recipient.Local.class);
                    HealthIndicator health = context.getBean("directoryHealthIndicator", HealthIndicator.class);
                    assertThat(health.health().getStatus()).isEqualTo(Status.UP);
                });
    }

    @Test
    void withAnUrlNoEmbeddedServerStartsAndAnUnreachableServerIsDown() throws Exception {
        int port = TestMailSystem.freePort();
        new ApplicationContextRunner()
                .withUserConfiguration(Properties.class, DirectoryConfiguration.class)
                .withPropertyValues("yubin.directory.url=ldap://127.0.0.1:" + port)
                .run(context -> {
                    assertThat(context).doesNotHaveBean(EmbeddedDirectoryServer.class);
                    HealthIndicator health = context.getBean("directoryHealthIndicator", HealthIndicator.class);
                    assertThat(health.health().getStatus()).isEqualTo(Status.DOWN);
                });
    }
}
