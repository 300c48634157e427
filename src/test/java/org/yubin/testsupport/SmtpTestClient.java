package org.yubin.testsupport;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * A plain SMTP client for end-to-end tests: writes exactly the bytes it is given
 * and reads replies (multi-line ones whole), so tests can send malformed input.
 */
public final class SmtpTestClient implements AutoCloseable {

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    public SmtpTestClient(int port) throws IOException {
        this(null, port);
    }

    /** Connects from {@code localAddress} (e.g. {@code 127.0.0.2}, also loopback on Linux); {@code null} for any. */
    public SmtpTestClient(String localAddress, int port) throws IOException {
        this(connect(localAddress, port));
    }

    /** Over a socket already connected (e.g. an {@code SSLSocket} for implicit TLS). */
    public SmtpTestClient(Socket socket) throws IOException {
        this.socket = socket;
        socket.setSoTimeout(30_000);
        in = socket.getInputStream();
        out = socket.getOutputStream();
    }

    private static Socket connect(String localAddress, int port) throws IOException {
        Socket socket = new Socket();
        if (localAddress != null) {
            socket.bind(new InetSocketAddress(localAddress, 0));
        }
        socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
        return socket;
    }

    /** Reads one reply; returns its last line (e.g. {@code 250 2.0.0 Ok}). */
    public String reply() throws IOException {
        while (true) {
            String line = readLine();
            if (line.length() < 4 || line.charAt(3) != '-') {
                return line;
            }
        }
    }

    /** Reads one line of a reply (e.g. {@code 250-PIPELINING}). */
    public String line() throws IOException {
        return readLine();
    }

    /** Sends {@code command} with CRLF and reads the reply. */
    public String command(String command) throws IOException {
        write(command + "\r\n");
        return reply();
    }

    public void write(String raw) throws IOException {
        write(raw.getBytes(StandardCharsets.UTF_8));
    }

    public void write(byte[] raw) throws IOException {
        out.write(raw);
        out.flush();
    }

    /**
     * One whole transaction; returns the reply to the end of DATA, or the first
     * refusal on the way.
     */
    public String send(String from, String to, byte[] message) throws IOException {
        String reply = command("MAIL FROM:<" + from + ">");
        if (!reply.startsWith("250")) {
            return reply;
        }
        reply = command("RCPT TO:<" + to + ">");
        if (!reply.startsWith("250")) {
            command("RSET");
            return reply;
        }
        reply = command("DATA");
        if (!reply.startsWith("354")) {
            return reply;
        }
        write(dotStuff(message));
        write(".\r\n");
        return reply();
    }

    private static byte[] dotStuff(byte[] message) {
        ByteArrayOutputStream stuffed = new ByteArrayOutputStream(message.length + 64);
        boolean lineStart = true;
        for (byte b : message) {
            if (lineStart && b == '.') {
                stuffed.write('.');
            }
            stuffed.write(b);
            lineStart = b == '\n';
        }
        if (!lineStart) {
            stuffed.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        return stuffed.toByteArray();
    }

    private String readLine() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != -1) {
            if (b == '\n') {
                break;
            }
            if (b != '\r') {
                line.write(b);
            }
        }
        if (b == -1 && line.size() == 0) {
            throw new IOException("connection closed by server");
        }
        return line.toString(StandardCharsets.UTF_8);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
