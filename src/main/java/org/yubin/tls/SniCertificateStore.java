package org.yubin.tls;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server certificates, chosen by the name the client asks for with SNI (RFC 6066 3),
 * like Postfix's {@code tls_server_sni_maps}. An exact host name wins over a
 * {@code *.domain} wildcard; no name or an unknown one gets the default, the first
 * configured certificate. With none configured, the store serves the
 * {@link SelfSignedCertificates self-signed} one for the server's host name.
 *
 * <p>Configured files are watched: every {@code reloadInterval} their modification times
 * and sizes are compared, and a changed entry is read again and swapped in atomically,
 * so handshakes in progress finish with the certificates they started with. A file that
 * cannot be used keeps the previous certificate and is logged once per change. At
 * start, an unusable file is an error.
 *
 * <p>Thread-safe: reads see one immutable {@link Snapshot}; {@link #reloadIfChanged()}
 * runs on one thread at a time.
 */
public final class SniCertificateStore implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SniCertificateStore.class);

    private final List<CertificateSource> sources;
    private final AtomicReference<Snapshot> current = new AtomicReference<>();
    private final Map<CertificateSource, List<FileStamp>> stamps = new HashMap<>();
    private final ScheduledExecutorService poller;
    /** The snapshot before the last swap: aliases chosen from it still resolve during a swap. */
    private volatile Snapshot previous;
    private int generation;

    private SniCertificateStore(List<CertificateSource> sources, CertifiedKey fallback, Duration reloadInterval) {
        this.sources = List.copyOf(sources);
        List<CertifiedKey> keys = new ArrayList<>();
        for (CertificateSource source : this.sources) {
            stamps.put(source, stamp(source));
            keys.add(source.load());
        }
        if (keys.isEmpty()) {
            keys.add(fallback);
        }
        current.set(new Snapshot(0, keys));
        if (this.sources.isEmpty() || reloadInterval.isZero() || reloadInterval.isNegative()) {
            poller = null;
        } else {
            poller = Executors.newSingleThreadScheduledExecutor(runnable -> {
                Thread thread = new Thread(runnable, "tls-certificate-reload");
                thread.setDaemon(true);
                return thread;
            });
            long millis = reloadInterval.toMillis();
            poller.scheduleWithFixedDelay(this::reloadIfChanged, millis, millis, TimeUnit.MILLISECONDS);
        }
        LOG.info("tls: serving {}", describe(current.get()));
    }

    /**
     * The configured certificates, or the self-signed one for {@code hostname} kept in
     * {@code dataDir/tls} when none are. Fails with {@link InvalidKeyMaterialException}
     * on an unusable file.
     */
    public static SniCertificateStore create(List<CertificateSource> sources, Path dataDir, String hostname,
                                             Duration reloadInterval, Clock clock) {
        CertifiedKey fallback = sources.isEmpty()
                ? SelfSignedCertificates.loadOrCreate(dataDir.resolve("tls"), hostname, clock)
                : null;
        return new SniCertificateStore(sources, fallback, reloadInterval);
    }

    /** The certificates in use now. */
    public Snapshot snapshot() {
        return current.get();
    }

    /** The key behind an alias of the current or the previous snapshot, or {@code null}. */
    CertifiedKey byAlias(String alias) {
        CertifiedKey key = current.get().byAlias(alias);
        Snapshot before = previous;
        return key != null || before == null ? key : before.byAlias(alias);
    }

    /** Reads the entries whose files changed since the last look and swaps them in. */
    public synchronized void reloadIfChanged() {
        Snapshot old = current.get();
        List<CertifiedKey> keys = new ArrayList<>(old.keys());
        boolean changed = false;
        for (int i = 0; i < sources.size(); i++) {
            CertificateSource source = sources.get(i);
            List<FileStamp> now = stamp(source);
            if (now.equals(stamps.get(source))) {
                continue;
            }
            stamps.put(source, now);
            try {
                keys.set(i, source.load());
                changed = true;
                LOG.info("tls: reloaded certificate for {} from {}", source.hostnames(), source.cert());
            } catch (InvalidKeyMaterialException e) {
                LOG.warn("tls: keeping the previous certificate for {}: {}", source.hostnames(), e.getMessage());
            }
        }
        if (changed) {
            previous = old;
            current.set(new Snapshot(++generation, keys));
        }
    }

    private static List<FileStamp> stamp(CertificateSource source) {
        return List.of(FileStamp.of(source.cert()), FileStamp.of(source.key()));
    }

    private static String describe(Snapshot snapshot) {
        StringBuilder out = new StringBuilder();
        for (CertifiedKey key : snapshot.keys()) {
            out.append(out.isEmpty() ? "" : ", ").append(key.hostnames()).append(" (").append(key.keyType())
                    .append(", ").append(key.origin()).append(", until ").append(key.leaf().getNotAfter().toInstant())
                    .append(')');
        }
        return out.toString();
    }

    @Override
    public void close() {
        if (poller != null) {
            poller.shutdownNow();
        }
    }

    /**
     * One immutable set of certificates. Aliases ({@code <generation>:<index>}) name a key
     * for the JSSE key manager; a new generation gets new aliases.
     */
    public static final class Snapshot {

        private final int generation;
        private final List<CertifiedKey> keys;
        private final Map<String, CertifiedKey> exact = new HashMap<>();
        private final Map<String, CertifiedKey> wildcard = new HashMap<>();

        Snapshot(int generation, List<CertifiedKey> keys) {
            this.generation = generation;
            this.keys = List.copyOf(keys);
            for (CertifiedKey key : this.keys) {
                for (String name : key.hostnames()) {
                    Map<String, CertifiedKey> target = name.startsWith("*.") ? wildcard : exact;
                    target.putIfAbsent(name.startsWith("*.") ? name.substring(2) : name, key);
                }
            }
        }

        public List<CertifiedKey> keys() {
            return keys;
        }

        /** The key for the SNI name {@code serverName}; the default for {@code null} or an unknown name. */
        public CertifiedKey select(String serverName) {
            if (serverName == null || serverName.isEmpty()) {
                return keys.get(0);
            }
            String name = CertifiedKey.normalize(serverName);
            CertifiedKey key = exact.get(name);
            int dot = name.indexOf('.');
            if (key == null && dot > 0) {
                key = wildcard.get(name.substring(dot + 1));
            }
            return key != null ? key : keys.get(0);
        }

        String alias(CertifiedKey key) {
            return generation + ":" + keys.indexOf(key);
        }

        CertifiedKey byAlias(String alias) {
            int colon = alias == null ? -1 : alias.indexOf(':');
            if (colon < 0 || !alias.substring(0, colon).equals(Integer.toString(generation))) {
                return null;
            }
            try {
                int index = Integer.parseInt(alias.substring(colon + 1));
                return index >= 0 && index < keys.size() ? keys.get(index) : null;
            } catch (NumberFormatException e) {
                return null;
            }
        }
    }

    /** What tells a changed file: its modification time and size; a missing file is a stamp of its own. */
    private record FileStamp(Path file, FileTime modified, long size) {

        static FileStamp of(Path file) {
            try {
                BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
                return new FileStamp(file, attributes.lastModifiedTime(), attributes.size());
            } catch (IOException e) {
                return new FileStamp(file, null, -1);
            }
        }
    }
}
