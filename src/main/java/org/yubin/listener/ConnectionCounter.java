package org.yubin.listener;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Open connections or sessions per key (a client address, a listener, a login), shared by
 * all channels that count against the same limit. Thread-safe.
 *
 * @param <K> what is counted against
 */
public final class ConnectionCounter<K> {

    private final ConcurrentMap<K, Integer> open = new ConcurrentHashMap<>();

    /** Counts a new one for {@code key} if it stays within {@code max}; false when refused. */
    public boolean tryAcquire(K key, int max) {
        boolean[] acquired = new boolean[1];
        open.compute(key, (k, count) -> {
            int current = count == null ? 0 : count;
            acquired[0] = current < max;
            int next = acquired[0] ? current + 1 : current;
            return next == 0 ? null : next;
        });
        return acquired[0];
    }

    public void release(K key) {
        open.computeIfPresent(key, (k, count) -> count <= 1 ? null : count - 1);
    }

    public int count(K key) {
        return open.getOrDefault(key, 0);
    }
}
