package org.yubin.directory;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yubin.config.YubinProperties;

import com.unboundid.ldap.sdk.LDAPConnectionPool;

/** The embedded server follows its LDIF file while it runs. */
class EmbeddedDirectoryReloadTest {

    @TempDir
    Path dir;

    @Test
    void aUserAddedToTheFileIsFoundWithinSeconds() throws Exception {
        Path ldif = Files.writeString(dir.resolve("directory.ldif"), TestDirectoryData.LDIF);
        try (EmbeddedDirectoryServer server = new EmbeddedDirectoryServer(ldif, 200);
                LDAPConnectionPool pool = server.connectionPool(2)) {
            LdapDirectory directory = new LdapDirectory(pool, new YubinProperties());
            AtomicInteger reloads = new AtomicInteger();
            server.onReload(reloads::incrementAndGet);
            server.onReload(directory::refresh);
            assertThat(directory.findRecipient("dave@example.net")).isEmpty();
            assertThat(directory.domains()).doesNotContain("example.net");

            Files.writeString(ldif, TestDirectoryData.LDIF + TestDirectoryData.domain("example.net")
                    + TestDirectoryData.user("dave@example.net", "{PLAIN}dave-pw", "valid", "mail/dave", ""));

            awaitTrue(() -> directory.findRecipient("dave@example.net").isPresent());
            assertThat(directory.domains()).contains("example.net");
            assertThat(directory.authenticate("dave@example.net", "dave-pw")).isPresent();
            assertThat(reloads.get()).isEqualTo(1);
        }
    }

    @Test
    void aBrokenFileKeepsThePreviousContents() throws Exception {
        Path ldif = Files.writeString(dir.resolve("directory.ldif"), TestDirectoryData.LDIF);
        try (EmbeddedDirectoryServer server = new EmbeddedDirectoryServer(ldif, 200);
                LDAPConnectionPool pool = server.connectionPool(2)) {
            AtomicInteger reloads = new AtomicInteger();
            server.onReload(reloads::incrementAndGet);
            // an entry whose parent does not exist, after valid ones
            Files.writeString(ldif, TestDirectoryData.ROOT
                    + TestDirectoryData.user("eve@nowhere.test", "{PLAIN}x", "valid", "mail/eve", ""));
            Thread.sleep(1000);
            server.reloadIfChanged();
            assertThat(reloads.get()).isZero();
            LdapDirectory directory = new LdapDirectory(pool, new YubinProperties());
            assertThat(directory.findRecipient("alice@example.com")).isPresent();
        }
    }

    @Test
    void aMissingFileStopsTheServerFromStarting() {
        org.assertj.core.api.Assertions.assertThatThrownBy(
                () -> new EmbeddedDirectoryServer(dir.resolve("missing.ldif"), 200))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("missing.ldif");
    }

    static void awaitTrue(BooleanSupplier condition) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(5));
        while (!condition.getAsBoolean()) {
            assertThat(Instant.now()).as("condition within 5 s").isBefore(deadline);
            Thread.sleep(50);
        }
    }
}
