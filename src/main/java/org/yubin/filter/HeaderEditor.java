package org.yubin.filter;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;

/**
 * Adds header fields to a message held as bytes (CRLF lines, RFC 5322) and drops fields of
 * the names a filter owns, so that a sender cannot forge a verdict. New fields go right
 * after the first field when it is our {@code Received:} (trace fields stay on top), else at
 * the very top. The body and all other fields are kept byte for byte. Stateless.
 */
final class HeaderEditor {

    private HeaderEditor() {
    }

    /**
     * @param fields new fields, each one field without its final CRLF; folded lines may use
     *               LF or CRLF and are written with CRLF
     * @param owned  names (lower case) of fields to remove from the message first
     */
    static byte[] edit(byte[] message, List<String> fields, Predicate<String> owned) {
        List<int[]> ranges = new ArrayList<>();
        int headerEnd = fieldRanges(message, ranges);
        List<int[]> kept = new ArrayList<>(ranges.size() + 1);
        int first = 0;
        if (!ranges.isEmpty() && "received".equals(nameOf(message, ranges.get(0)))) {
            kept.add(ranges.get(0));
            first = 1;
        }
        List<byte[]> added = new ArrayList<>(fields.size());
        int size = message.length;
        for (String field : fields) {
            byte[] bytes = (field.replace("\r\n", "\n").replace("\n", "\r\n") + "\r\n").getBytes(StandardCharsets.UTF_8);
            added.add(bytes);
            size += bytes.length;
        }
        for (int i = first; i < ranges.size(); i++) {
            int[] range = ranges.get(i);
            if (owned.test(nameOf(message, range))) {
                size -= range[1] - range[0];
            } else {
                kept.add(range);
            }
        }
        kept.add(new int[] {headerEnd, message.length});
        // one array of the final size, each piece copied once: messages may be large
        byte[] out = new byte[size];
        int at = 0;
        for (int i = 0; i < kept.size(); i++) {
            if (i == first) {
                for (byte[] field : added) {
                    System.arraycopy(field, 0, out, at, field.length);
                    at += field.length;
                }
            }
            int[] range = kept.get(i);
            System.arraycopy(message, range[0], out, at, range[1] - range[0]);
            at += range[1] - range[0];
        }
        return out;
    }

    /** The byte ranges of the header fields (continuation lines included); returns where the header ends. */
    private static int fieldRanges(byte[] message, List<int[]> ranges) {
        int pos = 0;
        while (pos < message.length && message[pos] != '\r' && message[pos] != '\n') {
            int lineEnd = pos;
            while (lineEnd < message.length && message[lineEnd] != '\n') {
                lineEnd++;
            }
            lineEnd = Math.min(lineEnd + 1, message.length);
            boolean continuation = message[pos] == ' ' || message[pos] == '\t';
            if (continuation && !ranges.isEmpty()) {
                ranges.get(ranges.size() - 1)[1] = lineEnd;
            } else {
                ranges.add(new int[] {pos, lineEnd});
            }
            pos = lineEnd;
        }
        return pos;
    }

    private static String nameOf(byte[] message, int[] range) {
        int colon = range[0];
        while (colon < range[1] && message[colon] != ':') {
            colon++;
        }
        return new String(message, range[0], colon - range[0], StandardCharsets.ISO_8859_1).strip().toLowerCase(Locale.ROOT);
    }
}
