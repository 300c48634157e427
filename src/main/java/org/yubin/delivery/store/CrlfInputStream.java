package org.yubin.delivery.store;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Serves a Maildir file (LF line ends) with CRLF line ends, as IMAP and POP3 send
 * messages: a LF not preceded by CR gets one. Its length is what {@link #virtualSize}
 * computes, Dovecot's {@code W=}. Not thread-safe.
 */
final class CrlfInputStream extends FilterInputStream {

    private final byte[] raw = new byte[8192];
    private int previous = -1;
    private boolean pendingLf;

    CrlfInputStream(InputStream in) {
        super(in);
    }

    @Override
    public int read() throws IOException {
        if (pendingLf) {
            pendingLf = false;
            previous = '\n';
            return '\n';
        }
        int c = in.read();
        if (c == '\n' && previous != '\r') {
            pendingLf = true;
            previous = '\r';
            return '\r';
        }
        previous = c;
        return c;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        if (length == 0) {
            return 0;
        }
        int n = 0;
        if (pendingLf) {
            buffer[offset + n++] = '\n';
            pendingLf = false;
            previous = '\n';
        }
        // read at most half of the room, so every LF can be widened in place
        int room = Math.min((length - n) / 2, raw.length);
        if (room == 0) {
            if (n > 0) {
                return n;
            }
            int c = read();
            if (c < 0) {
                return -1;
            }
            buffer[offset] = (byte) c;
            return 1;
        }
        int got = in.read(raw, 0, room);
        if (got < 0) {
            return n == 0 ? -1 : n;
        }
        for (int i = 0; i < got; i++) {
            byte b = raw[i];
            if (b == '\n' && previous != '\r') {
                buffer[offset + n++] = '\r';
            }
            buffer[offset + n++] = b;
            previous = b;
        }
        return n;
    }

    @Override
    public long skip(long count) throws IOException {
        long skipped = 0;
        while (skipped < count && read() >= 0) {
            skipped++;
        }
        return skipped;
    }

    @Override
    public boolean markSupported() {
        return false;
    }

    /** The size with CRLF line ends of the file's content (LF or CRLF line ends). */
    static long virtualSize(InputStream file) throws IOException {
        byte[] buffer = new byte[8192];
        long size = 0;
        int previous = -1;
        int n;
        while ((n = file.read(buffer)) > 0) {
            size += n;
            for (int i = 0; i < n; i++) {
                if (buffer[i] == '\n' && previous != '\r') {
                    size++;
                }
                previous = buffer[i];
            }
        }
        return size;
    }
}
