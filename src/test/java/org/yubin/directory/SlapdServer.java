package org.yubin.directory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.yubin.config.YubinProperties;

import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPException;
import org.yubin.testsupport.TestMailSystem;

/**
 * A private OpenLDAP slapd (Debian's /usr/sbin/slapd) for tests: its own slapd.conf
 * with the standard schemas plus {@code config/yubin.schema}, an mdb database loaded
 * with slapadd, a free loopback port. {@code userPassword} is readable by the root DN
 * only; anonymous clients may only bind with it. {@link #close()} stops it.
 */
public final class SlapdServer implements AutoCloseable {

    public static final String ROOT_DN = "cn=admin,dc=control,dc=isp";
    public static final String ROOT_PASSWORD = "admin-secret";

    private final Process process;
    private final int port;

    private SlapdServer(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    public static SlapdServer start(Path dir, String ldif) throws IOException, InterruptedException {
        Path db = Files.createDirectories(dir.resolve("db"));
        Path conf = dir.resolve("slapd.conf");
        String schema = "/etc/ldap/schema/";
        Files.writeString(conf, String.join("\n",
                "include " + schema + "core.schema",
                "include " + schema + "cosine.schema",
                "include " + schema + "nis.schema",
                "include " + schema + "inetorgperson.schema",
                "include " + Path.of("config/yubin.schema").toAbsolutePath(),
                "pidfile " + dir.resolve("slapd.pid"),
                "modulepath /usr/lib/ldap",
                "moduleload back_mdb",
                "database mdb",
                "suffix \"dc=control,dc=isp\"",
                "rootdn \"" + ROOT_DN + "\"",
                "rootpw " + ROOT_PASSWORD,
                "directory " + db,
                "maxsize 10485760",
                "access to attrs=userPassword by anonymous auth by * none",
                "access to * by * read",
                ""));
        Path data = dir.resolve("data.ldif");
        Files.writeString(data, ldif, StandardCharsets.UTF_8);
        run(List.of("/usr/sbin/slapadd", "-q", "-f", conf.toString(), "-l", data.toString()), dir);
        int port = TestMailSystem.freePort();
        Process slapd = new ProcessBuilder("/usr/sbin/slapd", "-d", "0", "-f", conf.toString(),
                "-h", "ldap://127.0.0.1:" + port + "/")
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("slapd.log").toFile())
                .start();
        SlapdServer server = new SlapdServer(slapd, port);
        server.awaitReady(Duration.ofSeconds(20));
        return server;
    }

    public String url() {
        return "ldap://127.0.0.1:" + port;
    }

    /** Settings for yubin's directory pointing at this server, bound as the root DN. */
    public YubinProperties properties(Path dataDir) {
        YubinProperties p = new YubinProperties();
        p.setDataDir(dataDir);
        p.getDirectory().setUrl(url());
        p.getDirectory().setBindDn(ROOT_DN);
        p.getDirectory().setBindPassword(ROOT_PASSWORD);
        return p;
    }

    private void awaitReady(Duration timeout) throws InterruptedException, IOException {
        Instant deadline = Instant.now().plus(timeout);
        while (true) {
            try (LDAPConnection c = new LDAPConnection("127.0.0.1", port)) {
                c.bind(ROOT_DN, ROOT_PASSWORD);
                return;
            } catch (LDAPException e) {
                if (!process.isAlive() || Instant.now().isAfter(deadline)) {
                    close();
                    throw new IOException("slapd did not start on port " + port + ": " + e.getMessage());
                }
                Thread.sleep(100);
            }
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private static void run(List<String> command, Path dir) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(dir.resolve("slapadd.log").toFile()).start();
        if (p.waitFor() != 0) {
            throw new IOException(command + " failed: " + Files.readString(dir.resolve("slapadd.log")));
        }
    }
}
