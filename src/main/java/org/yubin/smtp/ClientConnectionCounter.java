package org.yubin.smtp;

import java.net.InetAddress;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/** Open connections per client address, shared by all channels of a listener. Thread-safe. */
public final class ClientConnectionCounter {

    private final ConcurrentMap<InetAddress, Integer> open = new ConcurrentHashMap<>();

    /** Counts a new connection from {@code client} if it stays within {@code max}; false when refused. */
    public boolean tryAcquire(InetAddress client, int max) {
        boolean[] acquired = new boolean[1];
        open.compute(client, (address, count) -> {
            int current = count == null ? 0 : count;
            acquired[0] = current < max;
            int next = acquired[0] ? current + 1 : current;
            return next == 0 ? null : next;
        });
        return acquired[0];
    }

    public void release(InetAddress client) {
        open.computeIfPresent(client, (address, count) -> count <= 1 ? null : count - 1);
    }

    public int count(InetAddress client) {
        return open.getOrDefault(client, 0);
    }
}
