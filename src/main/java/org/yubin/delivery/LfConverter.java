package org.yubin.delivery;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.WritableByteChannel;

/**
 * Writes message bytes with CRLF line ends turned into LF, as Dovecot's LDA stores
 * mail; every other byte (bare CR, 8-bit, ISO-2022-JP escapes) passes unchanged.
 * A CRLF split between two parts is still recognized. Not thread-safe: one per write.
 */
final class LfConverter {

    /** Sizes of what was written: {@code physical} bytes on disk, {@code virtual} with CRLF line ends (Dovecot's S= and W=). */
    record Sizes(long physical, long virtual) { }

    private static final int BUFFER_SIZE = 64 * 1024;

    private final WritableByteChannel channel;
    private final ByteBuffer buffer = ByteBuffer.allocate(BUFFER_SIZE);
    private boolean pendingCr;
    private long physical;
    private long lineFeeds;

    LfConverter(WritableByteChannel channel) {
        this.channel = channel;
    }

    /** Converts and writes {@code parts} in order, as if they were one array. */
    static Sizes write(WritableByteChannel channel, byte[]... parts) throws IOException {
        LfConverter converter = new LfConverter(channel);
        for (byte[] part : parts) {
            converter.append(part);
        }
        return converter.finish();
    }

    private void append(byte[] bytes) throws IOException {
        for (byte b : bytes) {
            if (pendingCr) {
                pendingCr = false;
                if (b != '\n') {
                    put((byte) '\r');
                }
            }
            if (b == '\r') {
                pendingCr = true;
            } else {
                put(b);
            }
        }
    }

    private Sizes finish() throws IOException {
        if (pendingCr) {
            put((byte) '\r');
        }
        flush();
        return new Sizes(physical, physical + lineFeeds);
    }

    private void put(byte b) throws IOException {
        if (!buffer.hasRemaining()) {
            flush();
        }
        buffer.put(b);
        physical++;
        if (b == '\n') {
            lineFeeds++;
        }
    }

    private void flush() throws IOException {
        buffer.flip();
        while (buffer.hasRemaining()) {
            channel.write(buffer);
        }
        buffer.clear();
    }
}
