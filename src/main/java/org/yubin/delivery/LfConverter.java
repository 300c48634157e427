package org.yubin.delivery;

import java.util.Arrays;

/**
 * Turns CRLF line ends into LF, as Dovecot's LDA stores mail; every other byte (bare
 * CR, 8-bit, ISO-2022-JP escapes) passes unchanged. A CRLF split between two parts
 * is still recognized. The result is made in memory first so that the final Maildir
 * name, which carries the sizes, is known before anything is written.
 */
final class LfConverter {

    /** The stored bytes and Dovecot's {@code W=} size (the size with CRLF line ends). */
    record Converted(byte[] bytes, long virtualSize) { }

    private LfConverter() {
    }

    /** Converts {@code parts} in order, as if they were one array. */
    static Converted convert(byte[]... parts) {
        int capacity = 0;
        for (byte[] part : parts) {
            capacity += part.length;
        }
        byte[] out = new byte[capacity];
        int length = 0;
        long lineFeeds = 0;
        boolean pendingCr = false;
        for (byte[] part : parts) {
            for (byte b : part) {
                if (pendingCr) {
                    pendingCr = false;
                    if (b != '\n') {
                        out[length++] = '\r';
                    }
                }
                if (b == '\r') {
                    pendingCr = true;
                } else {
                    out[length++] = b;
                    if (b == '\n') {
                        lineFeeds++;
                    }
                }
            }
        }
        if (pendingCr) {
            out[length++] = '\r';
        }
        return new Converted(Arrays.copyOf(out, length), length + lineFeeds);
    }
}
