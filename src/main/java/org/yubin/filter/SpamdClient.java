package org.yubin.filter;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * A spamd client speaking SPAMC/1.5 (spamd's PROTOCOL file) with the {@code HEADERS}
 * command: spamd checks the message and sends back its header section as SpamAssassin
 * rewrote it, from which {@link SpamdVerdict#headerFields()} keeps the {@code X-Spam-*}
 * fields. {@code User:} selects per-user settings (spamd's {@code --virtual-config-dir}).
 * Usable on its own, e.g. by Sieve at delivery time.
 *
 * <table>
 * <caption>Limits</caption>
 * <tr><td>message size</td><td>the caller's (spamc's default is 500 KB)</td></tr>
 * <tr><td>answer length</td><td>1 MiB</td></tr>
 * <tr><td>time per check</td><td>{@code timeout}: connect, send and answer together</td></tr>
 * </table>
 * Thread-safe: every call uses its own connection.
 */
public final class SpamdClient {

    private static final int MAX_ANSWER = 1024 * 1024;

    private final DaemonAddress address;
    private final Duration timeout;

    public SpamdClient(DaemonAddress address, Duration timeout) {
        this.address = Objects.requireNonNull(address, "address");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
    }

    public DaemonAddress address() {
        return address;
    }

    /**
     * Checks {@code message} with the settings of {@code user} ({@code null}: spamd's
     * defaults); throws when spamd is unreachable, too slow or answers an error.
     */
    public SpamdVerdict check(byte[] message, String user) throws IOException {
        StringBuilder request = new StringBuilder("HEADERS SPAMC/1.5\r\nContent-length: ")
                .append(message.length).append("\r\n");
        if (user != null && isToken(user)) {
            request.append("User: ").append(user).append("\r\n");
        }
        request.append("\r\n");
        byte[] answer;
        try (DaemonConnection connection = DaemonConnection.open(address, timeout)) {
            connection.write(request.toString().getBytes(StandardCharsets.UTF_8));
            connection.write(message);
            connection.shutdownOutput();
            answer = connection.readUntil(-1, MAX_ANSWER);
        }
        return verdictOf(new String(answer, StandardCharsets.UTF_8));
    }

    private SpamdVerdict verdictOf(String answer) throws DaemonException {
        String normalized = answer.replace("\r\n", "\n");
        int headerEnd = normalized.indexOf("\n\n");
        if (headerEnd < 0) {
            throw new DaemonException(address + ": incomplete answer " + firstLine(normalized));
        }
        List<String> lines = normalized.substring(0, headerEnd).lines().toList();
        String[] status = lines.get(0).split(" ", 3);
        if (status.length < 2 || !status[0].startsWith("SPAMD/")) {
            throw new DaemonException(address + ": not a spamd answer: " + firstLine(normalized));
        }
        if (!"0".equals(status[1])) {
            throw new DaemonException(address + ": " + ClamdClient.printable(lines.get(0)));
        }
        Boolean spam = null;
        double score = 0;
        double threshold = 0;
        for (String line : lines.subList(1, lines.size())) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).strip().equalsIgnoreCase("Spam")) {
                // Spam: True ; 1005.2 / 5.0
                String[] parts = line.substring(colon + 1).split("[;/]");
                if (parts.length != 3) {
                    throw new DaemonException(address + ": bad Spam line " + ClamdClient.printable(line));
                }
                spam = parts[0].strip().equalsIgnoreCase("true") || parts[0].strip().equalsIgnoreCase("yes");
                try {
                    score = Double.parseDouble(parts[1].strip());
                    threshold = Double.parseDouble(parts[2].strip());
                } catch (NumberFormatException e) {
                    throw new DaemonException(address + ": bad Spam line " + ClamdClient.printable(line));
                }
            }
        }
        if (spam == null) {
            throw new DaemonException(address + ": answer without a Spam line");
        }
        return new SpamdVerdict(spam, score, threshold, spamFields(normalized.substring(headerEnd + 2)));
    }

    /** The {@code X-Spam-*} fields of a header section, continuation lines kept. */
    private static List<String> spamFields(String headerSection) {
        List<String> fields = new ArrayList<>();
        StringBuilder current = null;
        for (String line : headerSection.split("\n", -1)) {
            if (line.isEmpty()) {
                break;
            }
            boolean continuation = line.charAt(0) == ' ' || line.charAt(0) == '\t';
            if (continuation) {
                if (current != null) {
                    current.append('\n').append(line);
                }
                continue;
            }
            if (current != null) {
                fields.add(current.toString());
            }
            current = line.toLowerCase(Locale.ROOT).startsWith("x-spam-") ? new StringBuilder(line) : null;
        }
        if (current != null) {
            fields.add(current.toString());
        }
        return fields;
    }

    /** A user name goes into a protocol header line: no spaces or control characters. */
    private static boolean isToken(String user) {
        return !user.isEmpty() && user.length() <= 256 && user.chars().allMatch(c -> c > 0x20 && c < 0x7f);
    }

    private static String firstLine(String text) {
        int end = text.indexOf('\n');
        return ClamdClient.printable(end < 0 ? text : text.substring(0, end));
    }
}
