package org.yubin.directory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.unboundid.ldap.listener.InMemoryDirectoryServer;
import com.unboundid.ldap.listener.InMemoryDirectoryServerConfig;
import com.unboundid.ldap.sdk.LDAPConnectionPool;
import com.unboundid.ldap.sdk.LDAPException;

/**
 * The directory when no external LDAP is configured: an in-process UnboundID
 * {@link InMemoryDirectoryServer} (no network port) under {@value #BASE_DN}, with
 * {@link YubinSchema}, filled from an LDIF file ({@code yubin.directory.ldif}).
 *
 * <p>The file is polled every {@code pollInterval}; when its modification time or size
 * changes it is read again and replaces the whole contents at once, then the reload
 * listeners run. A file that does not parse is logged and the previous contents stay.
 * Writers ({@code ops/yubin user}) replace the file by an atomic rename, so a reload
 * never sees half a file. Thread-safe.
 */
public class EmbeddedDirectoryServer implements AutoCloseable {

    public static final String BASE_DN = "dc=control,dc=isp";

    private static final Logger log = LoggerFactory.getLogger(EmbeddedDirectoryServer.class);

    private final Path ldif;
    private final InMemoryDirectoryServer server;
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
            this.server = new InMemoryDirectoryServer(config());
            load();
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

    /**
     * The server configuration, shared with the admin command line, which edits a copy.
     * The server is never asked to listen: connections are in-process.
     */
    public static InMemoryDirectoryServerConfig config() throws LDAPException {
        InMemoryDirectoryServerConfig config = new InMemoryDirectoryServerConfig(BASE_DN);
        config.setSchema(YubinSchema.forEmbeddedServer());
        return config;
    }

    /** A pool of in-process connections; close it before this server. */
    public LDAPConnectionPool connectionPool(int size) throws LDAPException {
        return server.getConnectionPool(size);
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
