package org.yubin.directory;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yubin.config.YubinProperties;

import com.unboundid.ldap.sdk.LDAPConnectionPool;

/** The cleartext password for CRAM-MD5 and SCRAM: only from {@code {PLAIN}} values of valid users; refresh listeners. */
class CleartextPasswordTest {

    @TempDir
    Path dir;

    @Test
    void onlyPlainOrSchemelessValuesOfValidUsersGiveAPassword() throws Exception {
        Path ldif = Files.writeString(dir.resolve("directory.ldif"), TestDirectoryData.ROOT
                + TestDirectoryData.domain("example.com")
                + TestDirectoryData.user("plain@example.com", "{PLAIN}pw-1", "valid", "mail/plain", "")
                + TestDirectoryData.user("bare@example.com", "pw-2", "valid", "mail/bare", "")
                + TestDirectoryData.user("hashed@example.com", PasswordSchemes.hash("SSHA512", "pw-3"), "valid", "mail/h", "")
                + TestDirectoryData.user("gone@example.com", "{PLAIN}pw-4", "invalid", "mail/gone", ""));
        try (EmbeddedDirectoryServer server = new EmbeddedDirectoryServer(ldif, 60_000);
                LDAPConnectionPool pool = server.connectionPool(2)) {
            LdapDirectory directory = new LdapDirectory(pool, new YubinProperties());
            assertThat(directory.cleartextPassword("Plain@Example.com")).hasValueSatisfying(c -> {
                assertThat(c.password()).isEqualTo("pw-1");
                assertThat(c.user().login()).isEqualTo("plain@example.com");
            });
            assertThat(directory.cleartextPassword("bare@example.com")).map(CleartextCredential::password).hasValue("pw-2");
            assertThat(directory.cleartextPassword("hashed@example.com")).isEmpty();
            assertThat(directory.cleartextPassword("gone@example.com")).isEmpty();
            assertThat(directory.cleartextPassword("nobody@example.com")).isEmpty();
        }
    }

    @Test
    void refreshRunsTheRefreshListeners() throws Exception {
        Path ldif = Files.writeString(dir.resolve("directory.ldif"), TestDirectoryData.LDIF);
        try (EmbeddedDirectoryServer server = new EmbeddedDirectoryServer(ldif, 60_000);
                LDAPConnectionPool pool = server.connectionPool(1)) {
            LdapDirectory directory = new LdapDirectory(pool, new YubinProperties());
            AtomicInteger refreshed = new AtomicInteger();
            directory.onRefresh(refreshed::incrementAndGet);
            directory.refresh();
            assertThat(refreshed.get()).isEqualTo(1);
        }
    }

    @Test
    void passwordSchemesRevealOnlyCleartext() {
        assertThat(PasswordSchemes.cleartext("{PLAIN}a}b")).hasValue("a}b");
        assertThat(PasswordSchemes.cleartext("{cleartext}x")).hasValue("x");
        assertThat(PasswordSchemes.cleartext("secret")).hasValue("secret");
        assertThat(PasswordSchemes.cleartext("{CRYPT}$6$abc$def")).isEmpty();
    }
}
