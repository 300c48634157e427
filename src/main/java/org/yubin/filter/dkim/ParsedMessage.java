package org.yubin.filter.dkim;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A message split into its header fields and the offset of its body, for signing and
 * verifying. Lines ending in a bare LF are read as CRLF lines (what the message is on the
 * wire). Fields are ISO-8859-1 strings, one char per byte, whole ({@code Name: value} with
 * folded lines) without their final CRLF. Immutable.
 */
final class ParsedMessage {

    private final byte[] bytes;
    private final List<String> fields;
    private final int bodyStart;

    private ParsedMessage(byte[] bytes, List<String> fields, int bodyStart) {
        this.bytes = bytes;
        this.fields = fields;
        this.bodyStart = bodyStart;
    }

    static ParsedMessage parse(byte[] message) {
        byte[] bytes = withCrlf(message);
        List<String> fields = new ArrayList<>();
        int pos = 0;
        while (pos < bytes.length && !(bytes[pos] == '\r' && pos + 1 < bytes.length && bytes[pos + 1] == '\n')) {
            int end = indexOfCrlf(bytes, pos);
            int next = end < 0 ? bytes.length : end + 2;
            String line = new String(bytes, pos, (end < 0 ? bytes.length : end) - pos, StandardCharsets.ISO_8859_1);
            if ((line.startsWith(" ") || line.startsWith("\t")) && !fields.isEmpty()) {
                fields.set(fields.size() - 1, fields.get(fields.size() - 1) + "\r\n" + line);
            } else if (line.indexOf(':') > 0) {
                fields.add(line);
            }
            pos = next;
        }
        int bodyStart = Math.min(pos + 2, bytes.length);
        return new ParsedMessage(bytes, List.copyOf(fields), bodyStart);
    }

    /** The header fields, top to bottom. */
    List<String> fields() {
        return fields;
    }

    byte[] bytes() {
        return bytes;
    }

    int bodyStart() {
        return bodyStart;
    }

    /** The lower-case name of a field. */
    static String nameOf(String field) {
        return field.substring(0, field.indexOf(':')).strip().toLowerCase(Locale.ROOT);
    }

    /** The value of a field after its colon, unfolded. */
    static String valueOf(String field) {
        return field.substring(field.indexOf(':') + 1).replace("\r\n", "").strip();
    }

    /**
     * The fields named in {@code names} as RFC 6376 section 5.4.2 selects them: each name
     * takes the last not yet used occurrence, counting from the bottom; a name with no
     * occurrence left adds nothing.
     */
    List<String> select(List<String> names) {
        boolean[] used = new boolean[fields.size()];
        List<String> selected = new ArrayList<>();
        for (String name : names) {
            String wanted = name.strip().toLowerCase(Locale.ROOT);
            for (int i = fields.size() - 1; i >= 0; i--) {
                if (!used[i] && nameOf(fields.get(i)).equals(wanted)) {
                    used[i] = true;
                    selected.add(fields.get(i));
                    break;
                }
            }
        }
        return selected;
    }

    private static int indexOfCrlf(byte[] bytes, int from) {
        for (int i = from; i + 1 < bytes.length; i++) {
            if (bytes[i] == '\r' && bytes[i + 1] == '\n') {
                return i;
            }
        }
        return -1;
    }

    private static byte[] withCrlf(byte[] message) {
        boolean bareLf = false;
        for (int i = 0; i < message.length && !bareLf; i++) {
            bareLf = message[i] == '\n' && (i == 0 || message[i - 1] != '\r');
        }
        if (!bareLf) {
            return message;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(message.length + message.length / 40);
        for (int i = 0; i < message.length; i++) {
            if (message[i] == '\n' && (i == 0 || message[i - 1] != '\r')) {
                out.write('\r');
            }
            out.write(message[i]);
        }
        return out.toByteArray();
    }
}
