package org.yubin.smtp;

import java.security.SecureRandom;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Queue ids in the spirit of Postfix's long ones, unique across restarts and nodes
 * without coordination: 17 upper-case characters of Crockford's base 32 — 9 for the
 * milliseconds since the epoch (so ids sort by time), 4 for a per-process counter
 * (a million ids per millisecond before a repeat) and 4 random ones drawn once per
 * process (telling nodes and restarts within the same millisecond apart). Thread-safe.
 */
public final class QueueIdGenerator {

    private static final char[] ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ".toCharArray();

    private final AtomicInteger counter = new AtomicInteger();
    private final String nodePart;

    public QueueIdGenerator() {
        this(new SecureRandom().nextInt(1 << 20));
    }

    QueueIdGenerator(int nodeBits) {
        this.nodePart = encode(nodeBits, 4);
    }

    public String next() {
        int count = counter.getAndIncrement() & 0xFFFFF;
        return encode(System.currentTimeMillis(), 9) + encode(count, 4) + nodePart;
    }

    private static String encode(long value, int digits) {
        char[] out = new char[digits];
        for (int i = digits - 1; i >= 0; i--) {
            out[i] = ALPHABET[(int) (value & 31)];
            value >>>= 5;
        }
        return new String(out);
    }
}
