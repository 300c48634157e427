package org.yubin.auth;

import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Counts failed logins per client address over a sliding minute. Past the limit an
 * address is refused without a password check until its failures age out; other
 * addresses are not affected. At most {@value #MAX_ADDRESSES} addresses are tracked
 * (the oldest state is dropped when more appear, so a flood of addresses cannot grow
 * memory). Thread-safe.
 */
final class FailureLimiter {

    static final int MAX_ADDRESSES = 100_000;
    private static final Duration WINDOW = Duration.ofMinutes(1);

    private final Map<InetAddress, Deque<Long>> failures = new ConcurrentHashMap<>();
    private final int maxPerMinute;
    private final Clock clock;

    FailureLimiter(int maxPerMinute, Clock clock) {
        this.maxPerMinute = maxPerMinute;
        this.clock = clock;
    }

    /** Whether {@code client} has used up its failures of the last minute. */
    boolean isOverLimit(InetAddress client) {
        if (client == null) {
            return false;
        }
        Deque<Long> times = failures.get(client);
        if (times == null) {
            return false;
        }
        synchronized (times) {
            expire(times);
            return times.size() >= maxPerMinute;
        }
    }

    /** Records one failure of {@code client}; returns its failures within the last minute. */
    int recordFailure(InetAddress client) {
        if (client == null) {
            return 0;
        }
        if (failures.size() >= MAX_ADDRESSES && !failures.containsKey(client)) {
            sweep();
        }
        Deque<Long> times = failures.computeIfAbsent(client, c -> new ArrayDeque<>());
        synchronized (times) {
            expire(times);
            times.addLast(clock.millis());
            // more than the limit need not be remembered: the address is refused either way
            while (times.size() > maxPerMinute * 2) {
                times.removeFirst();
            }
            return times.size();
        }
    }

    private void expire(Deque<Long> times) {
        long oldest = clock.millis() - WINDOW.toMillis();
        while (!times.isEmpty() && times.peekFirst() <= oldest) {
            times.removeFirst();
        }
    }

    private void sweep() {
        failures.values().removeIf(times -> {
            synchronized (times) {
                expire(times);
                return times.isEmpty();
            }
        });
        if (failures.size() >= MAX_ADDRESSES) {
            failures.clear();
        }
    }
}
