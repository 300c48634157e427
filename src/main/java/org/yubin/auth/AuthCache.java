package org.yubin.auth;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.yubin.directory.MailUser;

/**
 * Remembers password checks, like Dovecot's auth cache: right ones for the positive TTL,
 * wrong ones for the negative TTL. The key is the login and an HMAC-SHA-256 of the
 * password under a random key made at start; the password itself is never kept.
 * At most {@value #MAX_ENTRIES} entries: when full, expired entries go, and if that is
 * not enough, all. Thread-safe.
 */
final class AuthCache {

    static final int MAX_ENTRIES = 10_000;

    private record Key(String login, String passwordMac) { }

    /** {@code user} is {@code null} for a wrong password. */
    private record Entry(MailUser user, Instant expires) { }

    private final Map<Key, Entry> entries = new ConcurrentHashMap<>();
    private final byte[] macKey = new byte[32];
    private final Duration positiveTtl;
    private final Duration negativeTtl;
    private final Clock clock;

    AuthCache(Duration positiveTtl, Duration negativeTtl, Clock clock) {
        new SecureRandom().nextBytes(macKey);
        this.positiveTtl = positiveTtl;
        this.negativeTtl = negativeTtl;
        this.clock = clock;
    }

    /**
     * The remembered outcome: empty when not cached; an empty inner Optional for a wrong
     * password, else the user.
     */
    Optional<Optional<MailUser>> get(String login, String password) {
        Key key = key(login, password);
        Entry entry = entries.get(key);
        if (entry == null) {
            return Optional.empty();
        }
        if (!clock.instant().isBefore(entry.expires())) {
            entries.remove(key, entry);
            return Optional.empty();
        }
        return Optional.of(Optional.ofNullable(entry.user()));
    }

    void put(String login, String password, Optional<MailUser> user) {
        Duration ttl = user.isPresent() ? positiveTtl : negativeTtl;
        if (ttl.isZero()) {
            return;
        }
        if (entries.size() >= MAX_ENTRIES) {
            Instant now = clock.instant();
            entries.values().removeIf(e -> !now.isBefore(e.expires()));
            if (entries.size() >= MAX_ENTRIES) {
                entries.clear();
            }
        }
        entries.put(key(login, password), new Entry(user.orElse(null), clock.instant().plus(ttl)));
    }

    void clear() {
        entries.clear();
    }

    int size() {
        return entries.size();
    }

    private Key key(String login, String password) {
        String normalized = login.strip().toLowerCase(Locale.ROOT);
        byte[] mac = Hmac.compute("HmacSHA256", macKey,
                (normalized + "\0" + password).getBytes(StandardCharsets.UTF_8));
        return new Key(normalized, Base64.getEncoder().encodeToString(mac));
    }
}
