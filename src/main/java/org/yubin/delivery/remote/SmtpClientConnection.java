package org.yubin.delivery.remote;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLSocket;

/**
 * One SMTP client connection to one server address (RFC 5321), made by
 * {@link #open}: greeting, EHLO (HELO when EHLO is refused), opportunistic STARTTLS
 * (RFC 3207) and EHLO again. {@link #send} then runs one transaction for one recipient,
 * using PIPELINING (RFC 2920), SIZE (RFC 1870), 8BITMIME (RFC 6152) and SMTPUTF8
 * (RFC 6531) as the server offers them.
 *
 * <p>Every read waits at most the command timeout (the data-done timeout after the final
 * dot); every write of a chunk of message data is cut off by a watchdog after the command
 * timeout, since blocking socket writes have no timeout of their own.
 *
 * <p>Not thread-safe: one thread uses a connection at a time (the pool hands it out).
 */
final class SmtpClientConnection implements Closeable {

    /** Replies longer than this are a broken or hostile server. */
    private static final int MAX_REPLY_LINE = 4096;
    private static final int MAX_REPLY_LINES = 100;
    private static final int CHUNK = 64 * 1024;

    /** The STARTTLS handshake failed: the caller may try the same host again without TLS. */
    static final class TlsFailedException extends IOException {
        TlsFailedException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** The server refused the session (greeting, EHLO/HELO): the caller tries the next host. */
    static final class SessionRefusedException extends IOException {
        final RemoteReply reply;

        SessionRefusedException(RemoteReply reply, String stage) {
            super("refused to talk to me: " + reply.text() + " (in reply to " + stage + ")");
            this.reply = reply;
        }
    }

    /**
     * What became of one transaction.
     *
     * @param reply   the server's answer that decided it (250 after the final dot on success)
     * @param command the command it answered, for the log and the DSN ({@code RCPT TO}, {@code end of DATA})
     * @param local   true when yubin decided without asking the server (SIZE, SMTPUTF8)
     */
    record Result(RemoteReply reply, String command, boolean local) { }

    private Socket socket;
    private InputStream in;
    private OutputStream out;
    private final String hostName;
    private final InetAddress address;
    private final int port;
    private final SmtpClientSettings settings;
    private final ScheduledExecutorService watchdog;
    private Map<String, String> extensions = Map.of();
    private boolean tls;

    private SmtpClientConnection(Socket socket, String hostName, InetAddress address, int port,
                                 SmtpClientSettings settings, ScheduledExecutorService watchdog) throws IOException {
        this.hostName = hostName;
        this.address = address;
        this.port = port;
        this.settings = settings;
        this.watchdog = watchdog;
        attach(socket);
    }

    /**
     * Connects and completes greeting, EHLO and (when {@code useTls} and offered) STARTTLS.
     *
     * @throws TlsFailedException       the TLS handshake failed (the connection is closed)
     * @throws SessionRefusedException  greeting or HELO refused (closed)
     * @throws IOException              connection failed, timed out or the server broke the protocol (closed)
     */
    static SmtpClientConnection open(String hostName, InetAddress address, int port, boolean useTls,
                                     SmtpClientSettings settings, ScheduledExecutorService watchdog) throws IOException {
        Socket socket = new Socket();
        try {
            socket.connect(new InetSocketAddress(address, port), (int) settings.connectTimeout().toMillis());
        } catch (IOException e) {
            socket.close();
            throw e;
        }
        SmtpClientConnection connection = new SmtpClientConnection(socket, hostName, address, port, settings, watchdog);
        try {
            connection.handshake(useTls);
            return connection;
        } catch (IOException | RuntimeException e) {
            connection.close();
            throw e;
        }
    }

    private void attach(Socket socket) throws IOException {
        this.socket = socket;
        socket.setSoTimeout((int) settings.commandTimeout().toMillis());
        socket.setTcpNoDelay(true);
        this.in = new BufferedInputStream(socket.getInputStream());
        this.out = new BufferedOutputStream(socket.getOutputStream());
    }

    private void handshake(boolean useTls) throws IOException {
        RemoteReply greeting = readReply();
        if (greeting.code() != 220) {
            throw new SessionRefusedException(greeting, "initial server greeting");
        }
        hello();
        if (useTls && extensions.containsKey("STARTTLS")) {
            RemoteReply reply = command("STARTTLS");
            // a server that offers STARTTLS and then refuses it gets the mail in clear (Postfix "may")
            if (reply.code() == 220) {
                startTls();
                hello();
            }
        }
    }

    private void hello() throws IOException {
        RemoteReply reply = command("EHLO " + settings.heloName());
        if (reply.isPositive()) {
            extensions = parseExtensions(reply);
            return;
        }
        if (reply.code() == 421) {
            throw new SessionRefusedException(reply, "EHLO");
        }
        reply = command("HELO " + settings.heloName());
        if (!reply.isPositive()) {
            throw new SessionRefusedException(reply, "HELO");
        }
        extensions = Map.of();
    }

    private void startTls() throws IOException {
        try {
            SSLSocket ssl = OpportunisticTls.wrap(socket, MxLookup.isIpLiteral(hostName) ? null : hostName, port);
            ssl.startHandshake();
            tls = true;
            attach(ssl);
        } catch (IOException e) {
            throw new TlsFailedException("TLS handshake failed: " + e.getMessage(), e);
        }
    }

    private static Map<String, String> parseExtensions(RemoteReply ehlo) {
        Map<String, String> extensions = new HashMap<>();
        for (String line : ehlo.lines().subList(Math.min(1, ehlo.lines().size()), ehlo.lines().size())) {
            String[] words = line.strip().split("\\s+", 2);
            if (!words[0].isEmpty()) {
                extensions.put(words[0].toUpperCase(Locale.ROOT), words.length > 1 ? words[1] : "");
            }
        }
        return extensions;
    }

    /** True when STARTTLS succeeded on this connection. */
    boolean isTls() {
        return tls;
    }

    /** {@code mx.example.net[192.0.2.1]:25}, as Postfix logs a relay. */
    String relay() {
        return hostName + "[" + address.getHostAddress() + "]:" + port;
    }

    String hostName() {
        return hostName;
    }

    /**
     * One transaction: MAIL FROM {@code <mailFrom>}, RCPT TO {@code <recipient>}, DATA with
     * {@code message} (CRLF line ends expected; bare LF are sent as CRLF, lines starting
     * with a dot are dot-stuffed).
     *
     * @throws IOException the connection broke or timed out; the outcome is unknown
     */
    Result send(String mailFrom, String recipient, byte[] message) throws IOException {
        boolean utf8 = !isAscii(mailFrom) || !isAscii(recipient);
        if (utf8 && !extensions.containsKey("SMTPUTF8")) {
            return local(550, "5.6.7 SMTPUTF8 is required, but was not offered by host " + hostName, "MAIL FROM");
        }
        long limit = sizeLimit();
        if (limit > 0 && message.length > limit) {
            return local(552, "5.3.4 message size " + message.length + " exceeds size limit " + limit + " of server "
                    + hostName, "MAIL FROM");
        }
        StringBuilder mail = new StringBuilder("MAIL FROM:<").append(mailFrom).append('>');
        if (extensions.containsKey("SIZE")) {
            mail.append(" SIZE=").append(message.length);
        }
        if (extensions.containsKey("8BITMIME") && !isAscii(message)) {
            mail.append(" BODY=8BITMIME");
        }
        if (utf8) {
            mail.append(" SMTPUTF8");
        }
        String rcpt = "RCPT TO:<" + recipient + ">";
        RemoteReply mailReply;
        RemoteReply rcptReply;
        RemoteReply dataReply;
        if (extensions.containsKey("PIPELINING")) {
            write(mail + "\r\n" + rcpt + "\r\nDATA\r\n");
            mailReply = readReply();
            rcptReply = readReply();
            dataReply = readReply();
        } else {
            mailReply = command(mail.toString());
            if (!mailReply.isPositive()) {
                return new Result(mailReply, "MAIL FROM", false);
            }
            rcptReply = command(rcpt);
            if (!rcptReply.isPositive()) {
                return new Result(rcptReply, "RCPT TO", false);
            }
            dataReply = command("DATA");
        }
        if (!mailReply.isPositive() || !rcptReply.isPositive()) {
            if (dataReply.code() == 354) {
                // RFC 2920 3.1: DATA was accepted without recipients; send an empty message to get back
                write(".\r\n");
                readReply();
            }
            return mailReply.isPositive() ? new Result(rcptReply, "RCPT TO", false) : new Result(mailReply, "MAIL FROM", false);
        }
        if (dataReply.code() != 354) {
            return new Result(dataReply, "DATA", false);
        }
        writeData(message);
        socket.setSoTimeout((int) settings.dataDoneTimeout().toMillis());
        try {
            return new Result(readReply(), "end of DATA", false);
        } finally {
            socket.setSoTimeout((int) settings.commandTimeout().toMillis());
        }
    }

    /** RSET before the connection is reused; false when the server does not answer 250. */
    boolean reset() {
        try {
            return command("RSET").code() == 250;
        } catch (IOException e) {
            return false;
        }
    }

    boolean isOpen() {
        return !socket.isClosed();
    }

    /** QUIT (briefly waiting for the answer), then close. */
    void quit() {
        try {
            socket.setSoTimeout(2000);
            command("QUIT");
        } catch (IOException ignored) {
            // the connection is going away either way
        } finally {
            close();
        }
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // nothing left to release
        }
    }

    private long sizeLimit() {
        String size = extensions.get("SIZE");
        if (size == null || size.isBlank()) {
            return 0;
        }
        try {
            return Long.parseLong(size.strip());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private Result local(int code, String text, String command) {
        return new Result(new RemoteReply(code, List.of(text)), command, true);
    }

    private RemoteReply command(String line) throws IOException {
        write(line + "\r\n");
        return readReply();
    }

    private void write(String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    /** Sends the message line by line with CRLF ends and dot-stuffing, then the final dot. */
    private void writeData(byte[] message) throws IOException {
        ByteArrayOutputStream chunk = new ByteArrayOutputStream(CHUNK + 1024);
        int lineStart = 0;
        for (int i = 0; i <= message.length; i++) {
            boolean end = i == message.length;
            if (!end && message[i] != '\n') {
                continue;
            }
            int lineEnd = !end && i > lineStart && message[i - 1] == '\r' ? i - 1 : i;
            if (end && lineStart == message.length) {
                break;
            }
            if (lineEnd > lineStart && message[lineStart] == '.') {
                chunk.write('.');
            }
            chunk.write(message, lineStart, lineEnd - lineStart);
            chunk.write('\r');
            chunk.write('\n');
            lineStart = i + 1;
            if (chunk.size() >= CHUNK) {
                writeGuarded(chunk);
            }
        }
        chunk.writeBytes(".\r\n".getBytes(StandardCharsets.US_ASCII));
        writeGuarded(chunk);
    }

    private void writeGuarded(ByteArrayOutputStream chunk) throws IOException {
        ScheduledFuture<?> timeout = watchdog.schedule(this::close, settings.commandTimeout().toMillis(), TimeUnit.MILLISECONDS);
        try {
            chunk.writeTo(out);
            out.flush();
        } catch (SocketException e) {
            throw new IOException("timeout or error while sending message content: " + e.getMessage(), e);
        } finally {
            timeout.cancel(false);
        }
        chunk.reset();
    }

    private RemoteReply readReply() throws IOException {
        List<String> lines = new ArrayList<>();
        int code = -1;
        while (true) {
            String line = readLine();
            if (line.length() < 3 || !Character.isDigit(line.charAt(0)) || !Character.isDigit(line.charAt(1))
                    || !Character.isDigit(line.charAt(2)) || (line.length() > 3 && line.charAt(3) != ' ' && line.charAt(3) != '-')) {
                throw new IOException("malformed reply from " + relay() + ": " + RemoteReply.printable(line));
            }
            int lineCode = Integer.parseInt(line.substring(0, 3));
            if (code >= 0 && lineCode != code) {
                throw new IOException("inconsistent multi-line reply from " + relay());
            }
            code = lineCode;
            lines.add(line.length() > 4 ? line.substring(4) : "");
            if (line.length() == 3 || line.charAt(3) == ' ') {
                return new RemoteReply(code, List.copyOf(lines));
            }
            if (lines.size() >= MAX_REPLY_LINES) {
                throw new IOException("too many reply lines from " + relay());
            }
        }
    }

    private String readLine() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream(128);
        while (true) {
            int b = in.read();
            if (b == -1) {
                throw new IOException("lost connection with " + relay());
            }
            if (b == '\n') {
                break;
            }
            if (line.size() >= MAX_REPLY_LINE) {
                throw new IOException("reply line too long from " + relay());
            }
            line.write(b);
        }
        String text = line.toString(StandardCharsets.UTF_8);
        return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
    }

    private static boolean isAscii(String text) {
        return text.chars().allMatch(c -> c < 0x80);
    }

    private static boolean isAscii(byte[] bytes) {
        for (byte b : bytes) {
            if (b < 0) {
                return false;
            }
        }
        return true;
    }
}
