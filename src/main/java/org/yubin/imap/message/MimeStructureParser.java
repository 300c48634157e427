package org.yubin.imap.message;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Splits message bytes into {@link MimePart}s by their offsets, so that every section a
 * client fetches is an exact slice of the original. Never fails: a multipart without its
 * boundary or without a closing delimiter ends where the message ends, a header without a
 * blank line is all header, nesting deeper than {@link #MAX_DEPTH} is read as plain text,
 * and parts beyond {@link #MAX_PARTS} are left out. Accepts bare LF line ends as well as CRLF.
 */
final class MimeStructureParser {

    /** Limits the recursion a crafted message can cause. */
    static final int MAX_DEPTH = 40;
    /** Limits the work a message with a great many tiny parts can cause. */
    static final int MAX_PARTS = 10_000;

    private static final ParameterizedValue TEXT_PLAIN = ParameterizedValue.parse("text/plain; charset=us-ascii");
    private static final ParameterizedValue MESSAGE_RFC822 = ParameterizedValue.parse("message/rfc822");

    private final byte[] bytes;
    private int partCount;

    private MimeStructureParser(byte[] bytes) {
        this.bytes = bytes;
    }

    static MimePart parse(byte[] bytes) {
        return new MimeStructureParser(bytes).part(0, bytes.length, false, 0);
    }

    /** Only the top-level header; the body is one opaque part. For ENVELOPE and header fetches. */
    static MimePart parseHeader(byte[] bytes) {
        MimeStructureParser parser = new MimeStructureParser(bytes);
        List<HeaderField> fields = new ArrayList<>();
        int bodyStart = parser.header(0, bytes.length, fields);
        return new MimePart(0, bodyStart, bytes.length, List.copyOf(fields), contentType(fields, false), List.of(), null,
                parser.countLines(bodyStart, bytes.length));
    }

    private MimePart part(int start, int end, boolean inDigest, int depth) {
        partCount++;
        List<HeaderField> fields = new ArrayList<>();
        int bodyStart = header(start, end, fields);
        ParameterizedValue contentType = contentType(fields, inDigest);
        String type = typeOf(contentType);
        int lines = countLines(bodyStart, end);
        boolean tooDeep = depth >= MAX_DEPTH || partCount >= MAX_PARTS;
        if (type.equals("multipart") && !tooDeep) {
            String boundary = contentType.parameter("boundary");
            List<MimePart> children = new ArrayList<>();
            if (boundary != null && !boundary.isEmpty()) {
                boolean digest = subtypeOf(contentType).equals("digest");
                for (int[] range : bodyParts(bodyStart, end, boundary)) {
                    children.add(part(range[0], range[1], digest, depth + 1));
                }
            }
            if (children.isEmpty()) {
                // Nothing to split on: one empty text part, as Dovecot reports it (a multipart needs a part).
                children.add(new MimePart(end, end, end, List.of(), TEXT_PLAIN, List.of(), null, 0));
            }
            return new MimePart(start, bodyStart, end, List.copyOf(fields), contentType, List.copyOf(children), null, lines);
        } else if (type.equals("multipart")) {
            contentType = TEXT_PLAIN;
        }
        if (type.equals("message") && subtypeOf(contentType).equals("rfc822") && !tooDeep) {
            MimePart message = part(bodyStart, end, false, depth + 1);
            return new MimePart(start, bodyStart, end, List.copyOf(fields), contentType, List.of(), message, lines);
        }
        return new MimePart(start, bodyStart, end, List.copyOf(fields), contentType, List.of(), null, lines);
    }

    private static ParameterizedValue contentType(List<HeaderField> fields, boolean inDigest) {
        for (HeaderField field : fields) {
            if (field.is("Content-Type")) {
                ParameterizedValue value = ParameterizedValue.parse(field.value());
                int slash = value.value().indexOf('/');
                if (slash > 0 && slash < value.value().length() - 1) {
                    return value;
                }
                break;
            }
        }
        return inDigest ? MESSAGE_RFC822 : TEXT_PLAIN;
    }

    static String typeOf(ParameterizedValue contentType) {
        String value = contentType.value();
        return value.substring(0, Math.max(0, value.indexOf('/'))).toLowerCase(Locale.ROOT);
    }

    static String subtypeOf(ParameterizedValue contentType) {
        String value = contentType.value();
        return value.substring(value.indexOf('/') + 1).toLowerCase(Locale.ROOT);
    }

    /** Reads header fields from {@code start}; returns where the body starts. */
    private int header(int start, int end, List<HeaderField> fields) {
        int pos = start;
        int fieldStart = -1;
        while (pos < end) {
            int lineEnd = lineEnd(pos, end);
            if (isBlank(pos, lineEnd)) {
                addField(fieldStart, pos, fields);
                return lineEnd;
            }
            byte first = bytes[pos];
            if (first != ' ' && first != '\t') {
                addField(fieldStart, pos, fields);
                fieldStart = pos;
            } else if (fieldStart < 0) {
                fieldStart = pos;
            }
            pos = lineEnd;
        }
        addField(fieldStart, end, fields);
        return end;
    }

    private void addField(int fieldStart, int fieldEnd, List<HeaderField> fields) {
        if (fieldStart < 0) {
            return;
        }
        int colon = -1;
        for (int i = fieldStart; i < fieldEnd; i++) {
            if (bytes[i] == ':') {
                colon = i;
                break;
            }
            if (bytes[i] == '\n') {
                break;
            }
        }
        if (colon < 0) {
            // Kept, nameless, so that HEADER.FIELDS.NOT returns it as Dovecot does.
            fields.add(new HeaderField("", "", fieldStart, fieldEnd));
            return;
        }
        String name = new String(bytes, fieldStart, colon - fieldStart, StandardCharsets.ISO_8859_1).strip();
        fields.add(new HeaderField(name, unfold(colon + 1, fieldEnd), fieldStart, fieldEnd));
    }

    /** The value without its line breaks (folding whitespace kept), leading and trailing blanks trimmed. */
    private String unfold(int from, int to) {
        byte[] out = new byte[to - from];
        int n = 0;
        for (int i = from; i < to; i++) {
            byte b = bytes[i];
            if (b != '\r' && b != '\n') {
                out[n++] = b;
            }
        }
        return new String(out, 0, n, StandardCharsets.UTF_8).strip();
    }

    /** The ranges of the parts between the boundary delimiters of a multipart body. */
    private List<int[]> bodyParts(int start, int end, String boundary) {
        byte[] delimiter = ("--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
        List<int[]> parts = new ArrayList<>();
        int partStart = -1;
        int pos = start;
        while (pos < end) {
            int lineEnd = lineEnd(pos, end);
            int match = delimiterAt(pos, lineEnd, delimiter);
            if (match != 0) {
                if (partCount + parts.size() >= MAX_PARTS) {
                    // The rest is left to the epilogue: a message of countless empty parts is abuse.
                    return parts;
                }
                if (partStart >= 0) {
                    parts.add(new int[] {partStart, Math.max(partStart, lineBreakBefore(pos, start))});
                }
                if (match == 2) {
                    return parts;
                }
                partStart = lineEnd;
            }
            pos = lineEnd;
        }
        if (partStart >= 0) {
            parts.add(new int[] {partStart, end});
        }
        return parts;
    }

    /** 0 if no delimiter, 1 for a delimiter line, 2 for the closing one. */
    private int delimiterAt(int pos, int lineEnd, byte[] delimiter) {
        if (lineEnd - pos < delimiter.length) {
            return 0;
        }
        for (int i = 0; i < delimiter.length; i++) {
            if (bytes[pos + i] != delimiter[i]) {
                return 0;
            }
        }
        int rest = pos + delimiter.length;
        int result = 1;
        if (rest + 1 < lineEnd && bytes[rest] == '-' && bytes[rest + 1] == '-') {
            rest += 2;
            result = 2;
        }
        for (int i = rest; i < lineEnd; i++) {
            byte b = bytes[i];
            if (b != ' ' && b != '\t' && b != '\r' && b != '\n') {
                return 0;
            }
        }
        return result;
    }

    /** The delimiter's preceding line break belongs to the delimiter (RFC 2046 section 5.1.1). */
    private int lineBreakBefore(int pos, int floor) {
        if (pos > floor && bytes[pos - 1] == '\n') {
            pos--;
            if (pos > floor && bytes[pos - 1] == '\r') {
                pos--;
            }
        }
        return pos;
    }

    private int lineEnd(int pos, int end) {
        for (int i = pos; i < end; i++) {
            if (bytes[i] == '\n') {
                return i + 1;
            }
        }
        return end;
    }

    private boolean isBlank(int pos, int lineEnd) {
        int length = lineEnd - pos;
        return (length == 1 && bytes[pos] == '\n') || (length == 2 && bytes[pos] == '\r' && bytes[pos + 1] == '\n');
    }

    private int countLines(int from, int to) {
        int lines = 0;
        for (int i = from; i < to; i++) {
            if (bytes[i] == '\n') {
                lines++;
            }
        }
        return lines;
    }
}
