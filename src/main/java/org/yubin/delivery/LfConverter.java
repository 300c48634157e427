package org.yubin.delivery;

import org.yubin.delivery.store.LineFeeds;

/**
 * Turns CRLF line ends into LF, as Dovecot's LDA stores mail; every other byte (bare
 * CR, 8-bit, ISO-2022-JP escapes) passes unchanged. A CRLF split between two parts
 * is still recognized. The result is made in memory first so that the final Maildir
 * name, which carries the sizes, is known before anything is written.
 */
final class LfConverter {

    /**
     * The stored message: the first {@code length} bytes of {@code bytes}, and Dovecot's
     * {@code W=} size (the size with CRLF line ends).
     */
    record Converted(byte[] bytes, int length, long virtualSize) { }

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
        for (byte[] part : parts) {
            // lines are copied whole; only the CR right before each LF is taken back
            int start = 0;
            for (int lf = LineFeeds.indexOf(part, 0); lf >= 0; lf = LineFeeds.indexOf(part, start)) {
                System.arraycopy(part, start, out, length, lf - start);
                length += lf - start;
                if (length > 0 && out[length - 1] == '\r') {
                    length--;
                }
                out[length++] = '\n';
                lineFeeds++;
                start = lf + 1;
            }
            System.arraycopy(part, start, out, length, part.length - start);
            length += part.length - start;
        }
        return new Converted(out, length, length + lineFeeds);
    }
}
