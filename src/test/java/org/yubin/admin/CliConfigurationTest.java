package org.yubin.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.yubin.config.YubinProperties;

/** The command line binds the server's settings from the server's sources, and nothing else starts. */
class CliConfigurationTest {

    @AfterEach
    void clear() {
        System.clearProperty("yubin.directory.ldif");
    }

    @Test
    void settingsComeFromConfigApplicationYamlAndOverrides() {
        System.setProperty("yubin.directory.ldif", "/tmp/elsewhere.ldif");
        YubinProperties properties = CliConfiguration.load();
        assertThat(properties.getDirectory().getLdif()).isEqualTo(Path.of("/tmp/elsewhere.ldif"));
        // from config/application.yaml
        assertThat(properties.getDirectory().getUserFilter()).isEqualTo("(&(cn=%u)(status=valid))");
        assertThat(properties.getAliases()).isEqualTo(Path.of("config/aliases"));
    }
}
