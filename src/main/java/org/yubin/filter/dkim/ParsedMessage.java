package org.yubin.filter.dkim;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.yubin.delivery.store.LineFeeds;

/**
 * A message split into its header fields and the offset of its body, for signing and
 * verifying. Lines ending in a bare LF are read as CRLF lines (what the message is on the
 * wire). Fields are ISO-8859-1 strings, one char per byte, whole ({@code Name: value} with
 * folded lines) without their final CRLF. Only the header is read when parsing: the body
 * is converted to CRLF lines when a signature needs it, so a message without signature
 * (or a sender without key) costs no pass over its body.
 */
final class ParsedMessage {

    private final byte[] message;
    private final List<String> fields;
    /** Where the body starts once every bare LF of the header has become CRLF. */
    private final int bodyStart;
    private byte[] withCrlf;

    private ParsedMessage(byte[] message, List<String> fields, int bodyStart) {
        this.message = message;
        this.fields = fields;
        this.bodyStart = bodyStart;
    }

    static ParsedMessage parse(byte[] message) {
        List<String> fields = new ArrayList<>();
        int pos = 0;
        int bareLfs = 0;
        while (pos < message.length && !isEmptyLine(message, pos)) {
            int lf = LineFeeds.indexOf(message, pos);
            int next = lf < 0 ? message.length : lf + 1;
            int end = lf < 0 ? message.length : lf > pos && message[lf - 1] == '\r' ? lf - 1 : lf;
            if (lf >= 0 && end == lf) {
                bareLfs++;
            }
            String line = new String(message, pos, end - pos, StandardCharsets.ISO_8859_1);
            if ((line.startsWith(" ") || line.startsWith("\t")) && !fields.isEmpty()) {
                fields.set(fields.size() - 1, fields.get(fields.size() - 1) + "\r\n" + line);
            } else if (line.indexOf(':') > 0) {
                fields.add(line);
            }
            pos = next;
        }
        if (pos < message.length) {
            bareLfs += message[pos] == '\n' ? 1 : 0;
            pos += message[pos] == '\n' ? 1 : 2;
        }
        return new ParsedMessage(message, List.copyOf(fields), pos + bareLfs);
    }

    /** The header fields, top to bottom. */
    List<String> fields() {
        return fields;
    }

    /** The whole message with CRLF line ends; the body starts at {@link #bodyStart()}. */
    byte[] bytes() {
        if (withCrlf == null) {
            withCrlf = LineFeeds.toCrlf(message);
        }
        return withCrlf;
    }

    int bodyStart() {
        return bodyStart;
    }

    /** Whether a field is named {@code lowerName}, in any case (blanks before the colon allowed). */
    static boolean isNamed(String field, String lowerName) {
        int end = lowerName.length();
        if (!field.regionMatches(true, 0, lowerName, 0, end)) {
            return false;
        }
        while (end < field.length() && (field.charAt(end) == ' ' || field.charAt(end) == '\t')) {
            end++;
        }
        return end < field.length() && field.charAt(end) == ':';
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
                if (!used[i] && isNamed(fields.get(i), wanted)) {
                    used[i] = true;
                    selected.add(fields.get(i));
                    break;
                }
            }
        }
        return selected;
    }

    private static boolean isEmptyLine(byte[] bytes, int pos) {
        return bytes[pos] == '\n' || bytes[pos] == '\r' && pos + 1 < bytes.length && bytes[pos + 1] == '\n';
    }
}
