package org.yubin.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yubin.config.YubinProperties;
import org.yubin.directory.Directory;
import org.yubin.directory.EmbeddedDirectoryServer;
import org.yubin.directory.LdapDirectory;

import com.unboundid.ldap.sdk.LDAPConnectionPool;

/** {@code yubin user} on the embedded directory: edits to the LDIF file. */
class UserCommandLdifTest extends UserCommandContractTest {

    @TempDir
    Path dir;
    Path ldif;
    YubinProperties properties;
    EmbeddedDirectoryServer server;
    LDAPConnectionPool pool;

    @BeforeEach
    void setUp() throws Exception {
        // the shipped demo directory, as a fresh install has it
        ldif = Files.copy(Path.of("config/directory.ldif"), dir.resolve("directory.ldif"));
        Files.setPosixFilePermissions(ldif, PosixFilePermissions.fromString("rw-r-----"));
        properties = new YubinProperties();
        properties.setDataDir(dir.resolve("data"));
        properties.getDirectory().setLdif(ldif);
    }

    @AfterEach
    void tearDown() {
        if (server != null) {
            pool.close();
            server.close();
        }
    }

    @Override
    CliRunner cli() {
        return new CliRunner(properties);
    }

    /** A fresh server on the file, as after a restart. */
    @Override
    Directory directory() throws Exception {
        tearDown();
        server = new EmbeddedDirectoryServer(ldif, 60_000);
        pool = server.connectionPool(1);
        return new LdapDirectory(pool, properties);
    }

    @Test
    void theShippedDemoUserLogsInWithDemo() throws Exception {
        assertThat(directory().authenticate("demo@example.com", "demo")).isPresent();
        assertThat(cli().run("user", "list").out())
                .isEqualTo("demo@example.com\tvalid\tmail/example.com/demo\t5000:5000\n");
    }

    @Test
    void aRunningServerSeesTheChangeWithinSeconds() throws Exception {
        try (EmbeddedDirectoryServer running = new EmbeddedDirectoryServer(ldif, 200);
                LDAPConnectionPool runningPool = running.connectionPool(1)) {
            LdapDirectory live = new LdapDirectory(runningPool, properties);
            running.onReload(live::refresh);
            assertThat(cli().run("user", "add", "live@example.com", "--password", "pw").exitCode()).isZero();
            Instant deadline = Instant.now().plus(Duration.ofSeconds(5));
            while (live.findRecipient("live@example.com").isEmpty()) {
                assertThat(Instant.now()).isBefore(deadline);
                Thread.sleep(50);
            }
            assertThat(cli().run("user", "disable", "live@example.com").exitCode()).isZero();
            deadline = Instant.now().plus(Duration.ofSeconds(5));
            while (live.findRecipient("live@example.com").isPresent()) {
                assertThat(Instant.now()).isBefore(deadline);
                Thread.sleep(50);
            }
        }
    }

    @Test
    void theFileIsReplacedWholeKeepingItsModeAndNoTemporaryFiles() throws Exception {
        assertThat(cli().run("user", "add", "m@example.com", "--password", "pw").exitCode()).isZero();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(ldif))).isEqualTo("rw-r-----");
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".tmp"))).isEmpty();
        }
        String text = Files.readString(ldif);
        assertThat(text).startsWith("# The embedded directory").contains("dn: cn=m@example.com,dc=example.com,dc=control,dc=isp")
                .doesNotContain("entryUUID").doesNotContain("createTimestamp");
    }

    @Test
    void aMissingFileIsReportedOnOneLine() throws Exception {
        Files.delete(ldif);
        var r = cli().run("user", "list");
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).startsWith("yubin: user list: no directory file ").hasLineCount(1);
    }
}
