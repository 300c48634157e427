package org.yubin.filter.dkim;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The signing keys of the hosted domains, read from {@code <dkim-dir>/<domain>/}: the key of
 * the preferred selector when the domain has one, else its newest key. A domain's keys are
 * read again when its directory changes (a key added or removed), so {@code yubin dkim
 * keygen} needs no restart. Thread-safe.
 */
public final class DkimKeyStore {

    private static final Logger LOG = LoggerFactory.getLogger(DkimKeyStore.class);

    /** The key a domain signs with. */
    public record SigningKey(String selector, PrivateKey key) {
    }

    private record Entry(long directoryTime, Optional<SigningKey> key) {
    }

    private final Path dkimDir;
    private final String preferredSelector;
    private final Map<String, Entry> cache = new ConcurrentHashMap<>();

    public DkimKeyStore(Path dkimDir, String preferredSelector) {
        this.dkimDir = dkimDir;
        this.preferredSelector = preferredSelector;
    }

    /** The domain's signing key; empty when it has none (or {@code domain} is not a domain name). */
    public Optional<SigningKey> keyFor(String domain) {
        String lower = domain.toLowerCase(Locale.ROOT);
        if (!DkimKeys.DOMAIN.matcher(lower).matches()) {
            return Optional.empty();
        }
        Path dir = dkimDir.resolve(lower);
        // File.lastModified, not Files.getLastModifiedTime: most senders' domains have no
        // directory, and the exception for that costs more than the rest of the check
        long time = dir.toFile().lastModified();
        if (time == 0) {
            return Optional.empty();
        }
        Entry entry = cache.get(lower);
        if (entry == null || entry.directoryTime() != time) {
            entry = new Entry(time, load(lower, dir));
            cache.put(lower, entry);
        }
        return entry.key();
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
