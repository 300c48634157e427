package org.yubin.directory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Recipient look-ups, found or not, kept for a while: every message asks for its
 * recipients at RCPT time, at alias expansion and at delivery. Bounded to
 * {@value #MAX_ENTRIES} addresses (beyond that it starts afresh, which only costs
 * look-ups). A TTL of zero turns it off. Thread-safe.
 */
final class RecipientCache {

    static final int MAX_ENTRIES = 100_000;

    private record Entry(Optional<MailUser> user, Instant expires) { }

    private final Map<String, Entry> entries = new ConcurrentHashMap<>();
    private final Duration ttl;
    private final Clock clock;

    RecipientCache(Duration ttl, Clock clock) {
        this.ttl = ttl;
        this.clock = clock;
    }

    Optional<MailUser> get(String address, Supplier<Optional<MailUser>> lookup) {
        if (ttl.isZero() || ttl.isNegative()) {
            return lookup.get();
        }
        Instant now = clock.instant();
        Entry cached = entries.get(address);
        if (cached != null && now.isBefore(cached.expires())) {
            return cached.user();
        }
        Optional<MailUser> user = lookup.get();
        if (entries.size() >= MAX_ENTRIES) {
            entries.clear();
        }
        entries.put(address, new Entry(user, now.plus(ttl)));
        return user;
    }

    void clear() {
        entries.clear();
    }
}
