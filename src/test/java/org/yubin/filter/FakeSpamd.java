package org.yubin.filter;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A fake spamd on a loopback port: records each request's head and body (the body length
 * taken from its {@code Content-length}) and answers {@link #answer} verbatim.
 */
final class FakeSpamd implements AutoCloseable {

    /** An answer as spamd gives it for a message that scores {@code score} of 5.0. */
    static String answerFor(boolean spam, double score) {
        String flag = spam ? "Yes" : "No";
        String headers = "X-Spam-Checker-Version: SpamAssassin 4.0.1 (2024-03-25) on fake\r\n"
                + (spam ? "X-Spam-Flag: YES\r\n" : "")
                + "X-Spam-Level: " + "*".repeat((int) Math.max(0, Math.min(50, score))) + "\r\n"
                + "X-Spam-Status: " + flag + ", score=" + score + " required=5.0 tests=GTUBE,\r\n"
                + "\tMISSING_DATE autolearn=disabled version=4.0.1\r\n"
                + "Subject: test\r\n\r\n";
        return "SPAMD/1.1 0 EX_OK\r\nContent-length: " + headers.length() + "\r\nSpam: "
                + (spam ? "True" : "False") + " ; " + score + " / 5.0\r\n\r\n" + headers;
    }

    volatile String answer = answerFor(false, 1.0);
    final List<String> heads = new CopyOnWriteArrayList<>();
    final List<byte[]> bodies = new CopyOnWriteArrayList<>();
    private final FakeDaemon daemon = FakeDaemon.onTcpPort(this::talk);

    DaemonAddress address() {
        return daemon.address();
    }

    int requests() {
        return heads.size();
    }

    private void talk(SocketChannel client) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.US_ASCII).endsWith("\r\n\r\n")) {
            head.write(FakeClamd.read(client, 1)[0]);
        }
        String text = head.toString(StandardCharsets.US_ASCII);
        int length = text.lines().filter(line -> line.startsWith("Content-length: "))
                .mapToInt(line -> Integer.parseInt(line.substring("Content-length: ".length()))).findFirst().orElse(0);
        bodies.add(FakeClamd.read(client, length));
        heads.add(text);
        client.write(ByteBuffer.wrap(answer.getBytes(StandardCharsets.US_ASCII)));
    }

    @Override
    public void close() throws IOException {
        daemon.close();
    }
}
