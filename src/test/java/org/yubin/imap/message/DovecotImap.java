package org.yubin.imap.message;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.yubin.testsupport.DovecotTools;

/**
 * Runs Dovecot's imap binary in PREAUTH mode ({@link DovecotTools#startImap}) over a Maildir
 * of given messages, so tests can compare what yubin renders with what Dovecot answers for
 * the same bytes.
 */
final class DovecotImap {

    private DovecotImap() {
    }

    static boolean installed() {
        return DovecotTools.imapInstalled();
    }

    /**
     * Stores the messages (LF line ends) as UIDs 1..n with the given internal date, runs the
     * commands (one line each, no tag) after EXAMINE INBOX, and returns each command's untagged
     * FETCH and SEARCH responses, raw (or its tagged reply when it failed).
     */
    static List<byte[]> run(Path dir, List<byte[]> messages, Instant internalDate, List<String> commands) throws Exception {
        DovecotTools dovecot = DovecotTools.in(dir);
        Path maildir = dovecot.maildir();
        for (String sub : List.of("cur", "new", "tmp")) {
            Files.createDirectories(maildir.resolve(sub));
        }
        for (int i = 0; i < messages.size(); i++) {
            Path file = Files.write(maildir.resolve("cur/" + (1_700_000_000 + i) + ".M" + i + ".test:2,S"), messages.get(i));
            Files.setLastModifiedTime(file, FileTime.from(internalDate));
        }
        Process process = dovecot.startImap();
        try (InputStream in = new BufferedInputStream(process.getInputStream());
             OutputStream out = process.getOutputStream()) {
            // One command at a time: Dovecot may send a command's tagged reply after the next one's data.
            command(in, out, "x", "EXAMINE INBOX");
            List<byte[]> result = new ArrayList<>();
            for (int i = 0; i < commands.size(); i++) {
                result.add(command(in, out, "c" + i, commands.get(i)));
            }
            command(in, out, "z", "LOGOUT");
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("dovecot imap did not end");
            }
            return result;
        } finally {
            process.destroyForcibly();
        }
    }

    /** The untagged FETCH and SEARCH responses of one command; a failed command's tagged reply instead. */
    private static byte[] command(InputStream in, OutputStream out, String tag, String command) throws IOException {
        out.write((tag + " " + command + "\r\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
        ByteArrayOutputStream fetches = new ByteArrayOutputStream();
        while (true) {
            byte[] response = response(in);
            if (response.length == 0) {
                throw new IOException("dovecot imap closed the connection");
            }
            String head = new String(response, 0, Math.min(response.length, 60), StandardCharsets.US_ASCII);
            if (head.startsWith(tag + " ")) {
                return head.startsWith(tag + " OK") ? fetches.toByteArray() : response;
            }
            if ((head.startsWith("* ") && head.contains(" FETCH (")) || head.startsWith("* SEARCH")) {
                fetches.writeBytes(response);
            }
        }
    }

    /** One response: a line, and after each {n} at a line end, n bytes of literal and the rest. */
    private static byte[] response(InputStream in) throws IOException {
        ByteArrayOutputStream response = new ByteArrayOutputStream();
        while (true) {
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            int b;
            while ((b = in.read()) >= 0) {
                line.write(b);
                if (b == '\n') {
                    break;
                }
            }
            byte[] bytes = line.toByteArray();
            response.writeBytes(bytes);
            int literal = literalLength(bytes);
            if (literal < 0) {
                return response.toByteArray();
            }
            response.writeBytes(in.readNBytes(literal));
        }
    }

    /** n if the line ends with {n}CRLF, else -1. */
    private static int literalLength(byte[] b) {
        int close = b.length - 3;
        if (close < 1 || b[close] != '}' || b[b.length - 2] != '\r') {
            return -1;
        }
        int open = close - 1;
        while (open > 0 && b[open] >= '0' && b[open] <= '9') {
            open--;
        }
        if (b[open] != '{' || open == close - 1) {
            return -1;
        }
        return Integer.parseInt(new String(b, open + 1, close - open - 1, StandardCharsets.US_ASCII));
    }
}
