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

    /** The key a domain signs with. */
    public record SigningKey(String selector, PrivateKey key) {
    }

    /** What a directory held when it was last read, and when it was last looked at. */
    private record Snapshot<T>(long checkedAt, long directoryTime, T content) {
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
        long now = nanoTime.getAsLong();
        Snapshot<Optional<SigningKey>> known = keys.get(lower);
        if (known != null && now - known.checkedAt() < RECHECK_NANOS) {
            return known.content();
        }
        Path dir = dkimDir.resolve(lower);
        long time = dir.toFile().lastModified();
        Snapshot<Optional<SigningKey>> current = new Snapshot<>(now, time,
                known != null && known.directoryTime() == time ? known.content() : load(lower, dir));
        keys.put(lower, current);
        return current.content();
    }

    /** The domains with a key directory, as the last look (at most a second ago) found them. */
    private Set<String> domains() {
        long now = nanoTime.getAsLong();
        Snapshot<Set<String>> known = domains;
        if (known != null && now - known.checkedAt() < RECHECK_NANOS) {
            return known.content();
        }
        // File.lastModified: 0 for a missing directory, where Files would throw
        long time = dkimDir.toFile().lastModified();
        Set<String> names = known != null && known.directoryTime() == time ? known.content() : list(time);
        domains = new Snapshot<>(now, time, names);
        keys.keySet().retainAll(names);
        return names;
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
