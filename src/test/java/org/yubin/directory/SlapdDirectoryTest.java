package org.yubin.directory;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yubin.config.YubinProperties;

import com.unboundid.ldap.sdk.LDAPConnectionPool;

/** The directory contract on a real OpenLDAP slapd, plus the bind fallback. */
class SlapdDirectoryTest extends DirectoryContractTest {

    private SlapdServer slapd;
    private LDAPConnectionPool pool;
    private LDAPConnectionPool anonymousPool;

    @BeforeAll
    void start(@TempDir Path dir) throws Exception {
        slapd = SlapdServer.start(dir, TestDirectoryData.LDIF);
        pool = ExternalDirectory.pool(slapd.properties(DATA_DIR).getDirectory(), 4);
        YubinProperties anonymous = slapd.properties(DATA_DIR);
        anonymous.getDirectory().setBindDn(null);
        anonymousPool = ExternalDirectory.pool(anonymous.getDirectory(), 2);
    }

    @AfterAll
    void stop() {
        if (pool != null) {
            pool.close();
            anonymousPool.close();
        }
        if (slapd != null) {
            slapd.close();
        }
    }

    @Override
    LDAPConnectionPool pool() {
        return pool;
    }

    @Test
    void whenUserPasswordIsNotReadableTheUserIsCheckedByABindAsItsDn() {
        YubinProperties properties = new YubinProperties();
        properties.setDataDir(DATA_DIR);
        LdapDirectory directory = new LdapDirectory(anonymousPool, properties);
        assertThat(directory.authenticate("ssha@example.com", "ssha-pw")).isPresent();
        assertThat(directory.authenticate("crypt@example.com", "crypt-pw")).isPresent();
        assertThat(directory.authenticate("plain@example.com", "plain-pw")).isPresent();
        assertThat(directory.authenticate("ssha@example.com", "wrong")).isEmpty();
        assertThat(directory.authenticate("bob@example.com", "bob-pw")).isEmpty();
        // the pool goes back to anonymous after each check
        assertThat(directory.findRecipient("al@example.com")).isPresent();
    }
}
