package org.yubin.delivery.store;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Finds line feeds in stored messages, eight bytes a step: converting between the
 * Maildir's LF and the wire's CRLF scans every byte of every message in and out.
 */
public final class LineFeeds {

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long LFS = 0x0A0A_0A0A_0A0A_0A0AL;
    private static final long ONES = 0x0101_0101_0101_0101L;
    private static final long HIGHS = 0x8080_8080_8080_8080L;

    private LineFeeds() {
    }

    /** The index of the next LF at or after {@code from}, or -1 (a zero-byte test on {@code word ^ LFS}). */
    public static int indexOf(byte[] bytes, int from) {
        int i = from;
        for (; i + Long.BYTES <= bytes.length; i += Long.BYTES) {
            long word = (long) LONGS.get(bytes, i) ^ LFS;
            long zeros = (word - ONES) & ~word & HIGHS;
            if (zeros != 0) {
                // the lowest flagged byte is always a real match
                return i + (Long.numberOfTrailingZeros(zeros) >>> 3);
            }
        }
        for (; i < bytes.length; i++) {
            if (bytes[i] == '\n') {
                return i;
            }
        }
        return -1;
    }
}
