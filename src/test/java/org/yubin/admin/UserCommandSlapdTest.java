package org.yubin.admin;

import java.nio.file.Path;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.yubin.config.YubinProperties;
import org.yubin.directory.Directory;
import org.yubin.directory.ExternalDirectory;
import org.yubin.directory.LdapDirectory;
import org.yubin.directory.SlapdServer;
import org.yubin.directory.TestDirectoryData;

import com.unboundid.ldap.sdk.LDAPConnectionPool;

/** {@code yubin user} on an external directory: LDAP operations on a real slapd. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class UserCommandSlapdTest extends UserCommandContractTest {

    private SlapdServer slapd;
    private YubinProperties properties;
    private LDAPConnectionPool pool;

    @BeforeAll
    void start(@TempDir Path dir) throws Exception {
        slapd = SlapdServer.start(dir, TestDirectoryData.LDIF);
        properties = slapd.properties(dir.resolve("data"));
    }

    @AfterEach
    void closePool() {
        if (pool != null) {
            pool.close();
            pool = null;
        }
    }

    @AfterAll
    void stop() {
        if (slapd != null) {
            slapd.close();
        }
    }

    @Override
    CliRunner cli() {
        return new CliRunner(properties);
    }

    @Override
    Directory directory() throws Exception {
        closePool();
        pool = ExternalDirectory.pool(properties.getDirectory(), 1);
        return new LdapDirectory(pool, properties);
    }
}
