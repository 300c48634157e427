package org.yubin.filter;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One request/answer exchange with a filter daemon over a blocking channel, bounded by
 * one deadline for connect, send and answer together: when it passes, a watchdog closes
 * the channel and the blocked call fails with {@link SocketTimeoutException}. Unix
 * sockets have no SO_TIMEOUT, hence the watchdog. Not thread-safe: one per exchange.
 */
final class DaemonConnection implements AutoCloseable {

    private static final ScheduledExecutorService WATCHDOG = Executors.newSingleThreadScheduledExecutor(run -> {
        Thread thread = new Thread(run, "filter-daemon-watchdog");
        thread.setDaemon(true);
        return thread;
    });

    private final DaemonAddress address;
    private final Duration timeout;
    private final AtomicBoolean timedOut = new AtomicBoolean();
    private final SocketChannel channel;
    private final ScheduledFuture<?> deadline;

    private DaemonConnection(DaemonAddress address, Duration timeout, ChannelHolder holder) throws IOException {
        this.address = address;
        this.timeout = timeout;
        this.deadline = WATCHDOG.schedule(() -> {
            timedOut.set(true);
            holder.close();
        }, timeout.toMillis(), TimeUnit.MILLISECONDS);
        try {
            this.channel = holder.open(address);
        } catch (IOException e) {
            deadline.cancel(false);
            throw translate(e);
        }
    }

    /** Connects to {@code address}; the whole exchange must end within {@code timeout}. */
    static DaemonConnection open(DaemonAddress address, Duration timeout) throws IOException {
        return new DaemonConnection(address, timeout, new ChannelHolder());
    }

    void write(byte[] bytes, int offset, int length) throws IOException {
        ByteBuffer buffer = ByteBuffer.wrap(bytes, offset, length);
        try {
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
        } catch (IOException e) {
            throw translate(e);
        }
    }

    void write(byte[] bytes) throws IOException {
        write(bytes, 0, bytes.length);
    }

    /** Tells the daemon the request is complete (spamd reads to end of stream). */
    void shutdownOutput() throws IOException {
        try {
            channel.shutdownOutput();
        } catch (IOException e) {
            throw translate(e);
        }
    }

    /**
     * Reads until {@code terminator} (not included) or the end of the stream; more than
     * {@code limit} bytes is a protocol error. {@code terminator} -1 reads to the end.
     */
    byte[] readUntil(int terminator, int limit) throws IOException {
        ByteArrayOutputStream answer = new ByteArrayOutputStream();
        ByteBuffer buffer = ByteBuffer.allocate(8192);
        try {
            while (channel.read(buffer.clear()) >= 0) {
                for (int i = 0; i < buffer.position(); i++) {
                    byte b = buffer.get(i);
                    if (b == terminator) {
                        return answer.toByteArray();
                    }
                    answer.write(b);
                }
                if (answer.size() > limit) {
                    throw new IOException(address + ": answer longer than " + limit + " bytes");
                }
            }
        } catch (IOException e) {
            throw translate(e);
        }
        return answer.toByteArray();
    }

    private IOException translate(IOException e) {
        if (timedOut.get()) {
            return new SocketTimeoutException(address + ": no answer within " + timeout.toMillis() + " ms");
        }
        return e;
    }

    @Override
    public void close() throws IOException {
        deadline.cancel(false);
        channel.close();
    }

    /** Lets the watchdog close a channel that is still connecting. */
    private static final class ChannelHolder {
        private SocketChannel channel;
        private boolean closed;

        SocketChannel open(DaemonAddress address) throws IOException {
            SocketChannel opened = address.openChannel();
            synchronized (this) {
                channel = opened;
                if (closed) {
                    opened.close();
                }
            }
            try {
                opened.connect(address.resolve());
                return opened;
            } catch (IOException e) {
                opened.close();
                throw e;
            }
        }

        synchronized void close() {
            closed = true;
            if (channel != null) {
                try {
                    channel.close();
                } catch (IOException e) {
                    // closing only interrupts the blocked caller, which reports the timeout
                }
            }
        }
    }
}
