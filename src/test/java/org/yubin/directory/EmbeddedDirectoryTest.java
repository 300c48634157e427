package org.yubin.directory;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

import com.unboundid.ldap.sdk.LDAPConnectionPool;

/** The directory contract on the embedded in-memory server. */
class EmbeddedDirectoryTest extends DirectoryContractTest {

    private EmbeddedDirectoryServer server;
    private LDAPConnectionPool pool;

    @BeforeAll
    void start(@TempDir Path dir) throws Exception {
        Path ldif = Files.writeString(dir.resolve("directory.ldif"), TestDirectoryData.LDIF);
        server = new EmbeddedDirectoryServer(ldif, 1000);
        pool = server.connectionPool(4);
    }

    @AfterAll
    void stop() {
        pool.close();
        server.close();
    }

    @Override
    LDAPConnectionPool pool() {
        return pool;
    }
}
