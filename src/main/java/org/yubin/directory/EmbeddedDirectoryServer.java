package org.yubin.directory;

import java.io.IOException;
import java.net.InetAddress;
import java.security.SecureRandom;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.unboundid.ldap.listener.InMemoryDirectoryServer;
import com.unboundid.ldap.listener.InMemoryDirectoryServerConfig;
import com.unboundid.ldap.listener.InMemoryListenerConfig;
import com.unboundid.ldap.sdk.LDAPConnectionPool;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.OperationType;
import com.unboundid.ldap.sdk.SimpleBindRequest;
import com.unboundid.ldap.sdk.SingleServerSet;

/**
 * The directory when no external LDAP is configured: an UnboundID
 * {@link InMemoryDirectoryServer} under {@value #BASE_DN}, with {@link YubinSchema},
 * filled from an LDIF file ({@code yubin.directory.ldif}).
 *
 * <p>{@link LdapDirectory} talks to it as to any LDAP server, over a loopback listener
 * on an ephemeral port. That port is read-only (bind, search, compare) and answers
 * only a client bound with a random secret made at start and held in memory, so other
 * local users cannot read the password hashes through it.
 *
 * <p>The file is polled every {@code pollInterval}; when its modification time or size
 * changes it is read again and replaces the whole contents at once, then the reload
 * listeners run. A file that does not parse is logged and the previous contents stay.
 * Writers ({@code ops/yubin user}) replace the file by an atomic rename, so a reload
 * never sees half a file. Thread-safe.
 */
public class EmbeddedDirectoryServer implements AutoCloseable {

    public static final String BASE_DN = "dc=control,dc=isp";

    /** The only identity that may search over the listener; not an entry of the tree. */
    private static final String CLIENT_DN = "cn=yubin-embedded-client";

    private static final Logger log = LoggerFactory.getLogger(EmbeddedDirectoryServer.class);

    private final Path ldif;
    private final InMemoryDirectoryServer server;
    private final String secret = randomSecret();
    private final List<Runnable> reloadListeners = new CopyOnWriteArrayList<>();
    private final ScheduledExecutorService poller;
    private volatile FileStamp loaded;

    private record FileStamp(FileTime modified, long size) {
        static FileStamp of(Path file) throws IOException {
            return new FileStamp(Files.getLastModifiedTime(file), Files.size(file));
        }
    }

    /**
     * Loads {@code ldif} and starts watching it.
     *
     * @throws IllegalStateException if the file is missing or does not parse: the server
     *     must not start with an empty directory by mistake
     */
    public EmbeddedDirectoryServer(Path ldif, long pollIntervalMillis) {
        this.ldif = ldif.toAbsolutePath();
        try {
            this.server = new InMemoryDirectoryServer(listeningConfig(secret));
            load();
            server.startListening();
        } catch (LDAPException | IOException e) {
            throw new IllegalStateException("embedded directory: cannot load " + this.ldif + ": " + e.getMessage(), e);
        }
        this.poller = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "directory-ldif-watch");
            t.setDaemon(true);
            return t;
        });
        poller.scheduleWithFixedDelay(this::reloadIfChanged, pollIntervalMillis, pollIntervalMillis, TimeUnit.MILLISECONDS);
    }

    /** Base DN and schema, shared with the admin command line, which edits a copy in-process. */
    public static InMemoryDirectoryServerConfig config() throws LDAPException {
        InMemoryDirectoryServerConfig config = new InMemoryDirectoryServerConfig(BASE_DN);
        config.setSchema(YubinSchema.forEmbeddedServer());
        return config;
    }

    /** A pool of up to {@code size} connections, bound with the secret; close it before this server. */
    public LDAPConnectionPool connectionPool(int size) throws LDAPException {
        SingleServerSet loopback = new SingleServerSet(server.getListenAddress().getHostAddress(), server.getListenPort());
        return new LDAPConnectionPool(loopback, new SimpleBindRequest(CLIENT_DN, secret), 1, size);
    }

    private static InMemoryDirectoryServerConfig listeningConfig(String secret) throws LDAPException {
        InMemoryDirectoryServerConfig config = config();
        config.setListenerConfigs(InMemoryListenerConfig.createLDAPConfig("loopback",
                InetAddress.getLoopbackAddress(), 0, null));
        config.addAdditionalBindCredentials(CLIENT_DN, secret);
        config.setAllowedOperationTypes(OperationType.BIND, OperationType.SEARCH, OperationType.COMPARE);
        config.setAuthenticationRequiredOperationTypes(OperationType.SEARCH, OperationType.COMPARE);
        return config;
    }

    private static String randomSecret() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    /** Runs {@code listener} after each successful reload (e.g. to drop caches). */
    public void onReload(Runnable listener) {
        reloadListeners.add(listener);
    }

    /** Reads the file again if it changed since the last load. */
    void reloadIfChanged() {
        try {
            if (FileStamp.of(ldif).equals(loaded)) {
                return;
            }
            int entries = load();
            log.info("directory: reloaded {} ({} entries)", ldif, entries);
            reloadListeners.forEach(Runnable::run);
        } catch (NoSuchFileException e) {
            log.warn("directory: {} is missing, keeping the last contents", ldif);
        } catch (IOException | LDAPException e) {
            log.warn("directory: {} not reloaded, keeping the last contents: {}", ldif, e.getMessage());
        } catch (RuntimeException e) {
            log.error("directory: reload of {} failed", ldif, e);
        }
    }

    private synchronized int load() throws IOException, LDAPException {
        FileStamp stamp = FileStamp.of(ldif);
        // Remembered first: a broken file is reported once, not at every poll.
        loaded = stamp;
        // The import is atomic: on a bad entry the server restores its previous contents.
        return server.importFromLDIF(true, ldif.toFile());
    }

    @Override
    public void close() {
        poller.shutdownNow();
        server.shutDown(true);
    }
}
