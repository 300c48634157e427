package org.yubin.filter;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;

/**
 * A clamd client (clamd(8) "COMMANDS"): {@code zINSTREAM} sends the message as
 * length-prefixed chunks (4-byte big-endian length, then the bytes) ended by a
 * zero-length chunk; clamd answers {@code stream: OK}, {@code stream: <name> FOUND}
 * or {@code <text> ERROR}, NUL-terminated. One connection per scan: a unix socket
 * connect costs microseconds, and no idle connection can go stale under us.
 *
 * <table>
 * <caption>Limits</caption>
 * <tr><td>chunk size</td><td>64 KiB</td></tr>
 * <tr><td>stream length</td><td>the caller's: clamd closes the stream above its StreamMaxLength</td></tr>
 * <tr><td>answer length</td><td>4 KiB</td></tr>
 * <tr><td>time per scan</td><td>{@code timeout}: connect, send and answer together</td></tr>
 * </table>
 * Thread-safe: every call uses its own connection.
 */
public final class ClamdClient {

    static final int CHUNK_SIZE = 64 * 1024;
    private static final int MAX_ANSWER = 4096;

    private final DaemonAddress address;
    private final Duration timeout;

    public ClamdClient(DaemonAddress address, Duration timeout) {
        this.address = Objects.requireNonNull(address, "address");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
    }

    public DaemonAddress address() {
        return address;
    }

    /** Scans {@code data}; throws when clamd is unreachable, too slow or answers an error. */
    public ClamdVerdict scan(byte[] data) throws IOException {
        try (DaemonConnection connection = DaemonConnection.open(address, timeout)) {
            try {
                connection.write("zINSTREAM\0".getBytes(StandardCharsets.US_ASCII));
                for (int offset = 0; offset < data.length; offset += CHUNK_SIZE) {
                    int length = Math.min(CHUNK_SIZE, data.length - offset);
                    connection.write(lengthPrefix(length));
                    connection.write(data, offset, length);
                }
                connection.write(lengthPrefix(0));
            } catch (IOException e) {
                // clamd closes the stream early (size limit); its reason is in the answer
                throw new DaemonException(address + ": " + answerAfterFailedSend(connection, e));
            }
            return verdictOf(answer(connection));
        }
    }

    /** {@code true} when clamd answers {@code zPING} with {@code PONG}. */
    public boolean ping() {
        try (DaemonConnection connection = DaemonConnection.open(address, timeout)) {
            connection.write("zPING\0".getBytes(StandardCharsets.US_ASCII));
            return "PONG".equals(answer(connection));
        } catch (IOException e) {
            return false;
        }
    }

    private static String answer(DaemonConnection connection) throws IOException {
        return new String(connection.readUntil(0, MAX_ANSWER), StandardCharsets.US_ASCII).strip();
    }

    private static String answerAfterFailedSend(DaemonConnection connection, IOException sendFailure) {
        try {
            String answer = answer(connection);
            return answer.isEmpty() ? String.valueOf(sendFailure.getMessage()) : answer;
        } catch (IOException e) {
            return String.valueOf(sendFailure.getMessage());
        }
    }

    private ClamdVerdict verdictOf(String answer) throws DaemonException {
        if (answer.endsWith(" ERROR") || !answer.startsWith("stream: ")) {
            throw new DaemonException(address + ": " + (answer.isEmpty() ? "no answer" : printable(answer)));
        }
        String result = answer.substring("stream: ".length());
        if (result.equals("OK")) {
            return ClamdVerdict.CLEAN;
        }
        if (result.endsWith(" FOUND") && result.length() > " FOUND".length()) {
            return new ClamdVerdict(printable(result.substring(0, result.length() - " FOUND".length()).strip()));
        }
        throw new DaemonException(address + ": unexpected answer " + printable(answer));
    }

    /** The signature name goes into an SMTP reply and a header: visible ASCII only. */
    static String printable(String text) {
        StringBuilder out = new StringBuilder(Math.min(text.length(), 200));
        for (int i = 0; i < text.length() && i < 200; i++) {
            char c = text.charAt(i);
            out.append(c > 0x20 && c < 0x7f ? c : c == ' ' ? ' ' : '?');
        }
        return out.toString();
    }

    private static byte[] lengthPrefix(int length) {
        return new byte[] {(byte) (length >>> 24), (byte) (length >>> 16), (byte) (length >>> 8), (byte) length};
    }
}
