package org.yubin.imap;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/** Logged-in sessions per user, shared by the IMAP and IMAPS listeners. Thread-safe. */
public final class ImapUserSessions {

    private final ConcurrentMap<String, Integer> open = new ConcurrentHashMap<>();

    /** Counts a new session of {@code login} if it stays within {@code max}; false when refused. */
    public boolean tryAcquire(String login, int max) {
        boolean[] acquired = new boolean[1];
        open.compute(login, (key, count) -> {
            int current = count == null ? 0 : count;
            acquired[0] = current < max;
            int next = acquired[0] ? current + 1 : current;
            return next == 0 ? null : next;
        });
        return acquired[0];
    }

    public void release(String login) {
        open.computeIfPresent(login, (key, count) -> count <= 1 ? null : count - 1);
    }
}
