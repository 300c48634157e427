package org.yubin.filter;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A fake clamd on a unix socket: reads a {@code zINSTREAM} (checking the chunk framing),
 * records the chunk sizes and the stream, and answers {@link #answer} — or nothing at
 * all with {@code null}, to test timeouts.
 */
final class FakeClamd implements AutoCloseable {

    volatile String answer = "stream: OK";
    final List<Integer> chunkSizes = new CopyOnWriteArrayList<>();
    final List<byte[]> streams = new CopyOnWriteArrayList<>();
    private final FakeDaemon daemon = FakeDaemon.onUnixSocket(this::talk);

    DaemonAddress address() {
        return daemon.address();
    }

    int connections() {
        return daemon.connections();
    }

    private void talk(SocketChannel client) throws IOException {
        String command = new String(read(client, "zINSTREAM\0".length()), StandardCharsets.US_ASCII);
        if (!command.equals("zINSTREAM\0")) {
            client.write(ByteBuffer.wrap("UNKNOWN COMMAND\0".getBytes(StandardCharsets.US_ASCII)));
            return;
        }
        ByteArrayOutputStream stream = new ByteArrayOutputStream();
        while (true) {
            int length = ByteBuffer.wrap(read(client, 4)).getInt();
            chunkSizes.add(length);
            if (length == 0) {
                break;
            }
            stream.writeBytes(read(client, length));
        }
        streams.add(stream.toByteArray());
        String reply = answer;
        if (reply == null) {
            read(client, 1);
            return;
        }
        client.write(ByteBuffer.wrap((reply + "\0").getBytes(StandardCharsets.US_ASCII)));
    }

    static byte[] read(SocketChannel client, int length) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(length);
        while (buffer.hasRemaining()) {
            if (client.read(buffer) < 0) {
                throw new EOFException();
            }
        }
        return buffer.array();
    }

    @Override
    public void close() throws IOException {
        daemon.close();
    }
}
