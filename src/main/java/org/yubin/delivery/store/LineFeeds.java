package org.yubin.delivery.store;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Finds line feeds in messages, eight bytes a step, and widens LF line ends to CRLF:
 * converting between the Maildir's LF and the wire's CRLF scans every byte of every
 * message in and out.
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

    /**
     * {@code message} with CRLF line ends in one pass, when {@code crlfLength} (Dovecot's
     * {@code W=}, known from the file name) is its length with CRLF; if it is not (the file
     * was changed behind our back), as {@link #toCrlf(byte[])}.
     */
    public static byte[] toCrlf(byte[] message, long crlfLength) {
        // more than twice the bytes (every byte a bare LF) cannot be right
        if (crlfLength <= message.length || crlfLength > 2L * message.length || crlfLength > Integer.MAX_VALUE - 16) {
            return toCrlf(message);
        }
        byte[] out = widen(message, (int) crlfLength);
        return out != null ? out : toCrlf(message);
    }

    /** {@code message} with CRLF line ends: itself when no LF lacks its CR, else a copy of the exact size. */
    public static byte[] toCrlf(byte[] message) {
        int bare = 0;
        for (int lf = indexOf(message, 0); lf >= 0; lf = indexOf(message, lf + 1)) {
            if (lf == 0 || message[lf - 1] != '\r') {
                bare++;
            }
        }
        return bare == 0 ? message : widen(message, message.length + bare);
    }

    /** {@code message} with a CR before each bare LF, in an array of {@code crlfLength}; null if that is not its length. */
    private static byte[] widen(byte[] message, int crlfLength) {
        byte[] out = new byte[crlfLength];
        int n = 0;
        int from = 0;
        for (int lf = indexOf(message, 0); lf >= 0; lf = indexOf(message, lf + 1)) {
            if (lf == 0 || message[lf - 1] != '\r') {
                if (n + lf - from + 1 > out.length) {
                    return null;
                }
                System.arraycopy(message, from, out, n, lf - from);
                n += lf - from;
                out[n++] = '\r';
                from = lf;
            }
        }
        if (n + message.length - from != out.length) {
            return null;
        }
        System.arraycopy(message, from, out, n, message.length - from);
        return out;
    }
}
