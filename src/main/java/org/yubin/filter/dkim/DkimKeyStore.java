package org.yubin.filter.dkim;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.LongFunction;
import java.util.function.LongSupplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The signing keys of the hosted domains, read from {@code <dkim-dir>/<domain>/}: the key of
 * the preferred selector when the domain has one, else its newest key. The directories are
 * looked at again at most once a second: a domain added or removed, or a key added to one,
 * is in use a second later, so {@code yubin dkim keygen} needs no restart, and a message
 * costs no look-up on the disk. Thread-safe.
 */
public final class DkimKeyStore {

    private static final Logger LOG = LoggerFactory.getLogger(DkimKeyStore.class);
    private static final long RECHECK_NANOS = TimeUnit.SECONDS.toNanos(1);
    /** Older than this, a directory's time is past any file system's clock tick. */
    private static final long SETTLED_MILLIS = 2000;

    /** The key a domain signs with. */
    public record SigningKey(String selector, PrivateKey key) {
    }

    /**
     * What a directory held when it was last read, and when it was last looked at. Its
     * time proves nothing changed only if it was already old when read: a change in the
     * same tick of the file system's clock as that look leaves the time as it was.
     */
    private record Snapshot<T>(long checkedAt, long directoryTime, boolean settled, T content) {
        boolean holdsFor(long time) {
            return settled && directoryTime == time;
        }
    }

    private final Path dkimDir;
    private final String preferredSelector;
    private final LongSupplier nanoTime;
    private final Map<String, Snapshot<Optional<SigningKey>>> keys = new ConcurrentHashMap<>();
    private volatile Snapshot<Set<String>> domains;

    public DkimKeyStore(Path dkimDir, String preferredSelector) {
        this(dkimDir, preferredSelector, System::nanoTime);
    }

    DkimKeyStore(Path dkimDir, String preferredSelector, LongSupplier nanoTime) {
        this.dkimDir = dkimDir;
        this.preferredSelector = preferredSelector;
        this.nanoTime = nanoTime;
    }

    /** Whether any domain has a key directory: without one, there is nothing to sign with. */
    public boolean isEmpty() {
        return domains().isEmpty();
    }

    /** The domain's signing key; empty when it has none (or {@code domain} is not a domain name). */
    public Optional<SigningKey> keyFor(String domain) {
        String lower = domain.toLowerCase(Locale.ROOT);
        if (!domains().contains(lower)) {
            return Optional.empty();
        }
        Path dir = dkimDir.resolve(lower);
        Snapshot<Optional<SigningKey>> known = keys.get(lower);
        Snapshot<Optional<SigningKey>> current = refresh(known, dir, time -> load(lower, dir));
        if (current != known) {
            keys.put(lower, current);
        }
        return current.content();
    }

    /** The domains with a key directory, as the last look (at most a second ago) found them. */
    private Set<String> domains() {
        Snapshot<Set<String>> known = domains;
        Snapshot<Set<String>> current = refresh(known, dkimDir, this::list);
        if (current != known) {
            domains = current;
            keys.keySet().retainAll(current.content());
        }
        return current.content();
    }

    /** {@code known}, or after a second a new look at {@code dir}, read again with {@code read} if it changed. */
    private <T> Snapshot<T> refresh(Snapshot<T> known, Path dir, LongFunction<T> read) {
        long now = nanoTime.getAsLong();
        if (known != null && now - known.checkedAt() < RECHECK_NANOS) {
            return known;
        }
        // File.lastModified: 0 for a missing directory, where Files would throw
        long time = dir.toFile().lastModified();
        boolean settled = System.currentTimeMillis() - time >= SETTLED_MILLIS;
        T content = known != null && known.holdsFor(time) ? known.content() : read.apply(time);
        return new Snapshot<>(now, time, settled, content);
    }

    private Set<String> list(long directoryTime) {
        if (directoryTime == 0) {
            return Set.of();
        }
        Set<String> names = new HashSet<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dkimDir, Files::isDirectory)) {
            for (Path entry : entries) {
                String name = entry.getFileName().toString();
                if (DkimKeys.DOMAIN.matcher(name).matches()) {
                    names.add(name);
                }
            }
        } catch (IOException e) {
            LOG.warn("dkimSign: cannot list {}: {}", dkimDir, e.getMessage());
        }
        return Set.copyOf(names);
    }

    private Optional<SigningKey> load(String domain, Path dir) {
        Path chosen = dir.resolve(preferredSelector + ".key");
        if (!Files.isRegularFile(chosen)) {
            chosen = null;
            FileTime newest = null;
            try (DirectoryStream<Path> keys = Files.newDirectoryStream(dir, "*.key")) {
                for (Path key : keys) {
                    FileTime time = Files.getLastModifiedTime(key);
                    if (newest == null || time.compareTo(newest) > 0) {
                        newest = time;
                        chosen = key;
                    }
                }
            } catch (IOException e) {
                LOG.warn("dkimSign: cannot list {}: {}", dir, e.getMessage());
                return Optional.empty();
            }
        }
        if (chosen == null) {
            return Optional.empty();
        }
        String file = chosen.getFileName().toString();
        String selector = file.substring(0, file.length() - ".key".length());
        try {
            SigningKey key = new SigningKey(selector, DkimKeys.read(chosen));
            LOG.info("dkimSign: domain {} signs with selector {} ({})", domain, selector, key.key().getAlgorithm());
            return Optional.of(key);
        } catch (IOException | GeneralSecurityException e) {
            LOG.warn("dkimSign: domain {}: unusable key {}: {}", domain, chosen, e.getMessage());
            return Optional.empty();
        }
    }
}
