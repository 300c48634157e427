package org.yubin.imap.message;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.yubin.imap.codec.ImapSyntaxException;

/**
 * The section of a {@code BODY[...]} fetch (RFC 3501 section 6.4.5): a part path
 * ({@code 1.2}, empty for the whole message) and what of it: the body, HEADER, TEXT, MIME, or
 * HEADER.FIELDS[.NOT] with field names (kept as the client wrote them, for the echo in the
 * response).
 */
public record SectionSpec(List<Integer> part, Kind kind, List<String> fieldNames) {

    /** Deeper paths than this address nothing a parser would build. */
    private static final int MAX_PATH = 64;

    public enum Kind { BODY, HEADER, HEADER_FIELDS, HEADER_FIELDS_NOT, TEXT, MIME }

    public static final SectionSpec WHOLE = new SectionSpec(List.of(), Kind.BODY, List.of());
    public static final SectionSpec HEADER = new SectionSpec(List.of(), Kind.HEADER, List.of());
    public static final SectionSpec TEXT = new SectionSpec(List.of(), Kind.TEXT, List.of());

    public SectionSpec {
        part = List.copyOf(part);
        fieldNames = List.copyOf(fieldNames);
    }

    /**
     * Parses the text between the brackets, e.g. {@code 1.2.HEADER.FIELDS (DATE "From")}.
     *
     * @throws ImapSyntaxException if it is not a section
     */
    public static SectionSpec parse(String text) throws ImapSyntaxException {
        List<Integer> part = new ArrayList<>();
        int pos = 0;
        while (pos < text.length() && Character.isDigit(text.charAt(pos))) {
            int start = pos;
            while (pos < text.length() && Character.isDigit(text.charAt(pos))) {
                pos++;
            }
            String number = text.substring(start, pos);
            if (number.charAt(0) == '0' || number.length() > 9 || part.size() == MAX_PATH) {
                throw new ImapSyntaxException("Invalid section part number: " + number);
            }
            part.add(Integer.parseInt(number));
            if (pos < text.length()) {
                if (text.charAt(pos) != '.') {
                    throw new ImapSyntaxException("Invalid section: " + text);
                }
                pos++;
                if (pos == text.length()) {
                    throw new ImapSyntaxException("Invalid section: " + text);
                }
            }
        }
        String rest = text.substring(pos);
        int space = rest.indexOf(' ');
        int paren = rest.indexOf('(');
        int cut = space < 0 ? paren : paren < 0 ? space : Math.min(space, paren);
        String keyword = (cut < 0 ? rest : rest.substring(0, cut)).toUpperCase(Locale.ROOT);
        String fields = cut < 0 ? null : rest.substring(cut).strip();
        Kind kind = switch (keyword) {
            case "" -> Kind.BODY;
            case "HEADER" -> Kind.HEADER;
            case "TEXT" -> Kind.TEXT;
            case "MIME" -> Kind.MIME;
            case "HEADER.FIELDS" -> Kind.HEADER_FIELDS;
            case "HEADER.FIELDS.NOT" -> Kind.HEADER_FIELDS_NOT;
            default -> throw new ImapSyntaxException("Invalid section: " + text);
        };
        if (kind == Kind.MIME && part.isEmpty()) {
            throw new ImapSyntaxException("MIME needs a part number");
        }
        boolean withFields = kind == Kind.HEADER_FIELDS || kind == Kind.HEADER_FIELDS_NOT;
        if (withFields != (fields != null)) {
            throw new ImapSyntaxException("Invalid section: " + text);
        }
        return new SectionSpec(part, kind, withFields ? fieldList(fields) : List.of());
    }

    /** {@code (A "B" C)}: astrings. */
    private static List<String> fieldList(String text) throws ImapSyntaxException {
        if (!text.startsWith("(") || !text.endsWith(")")) {
            throw new ImapSyntaxException("Invalid header field list: " + text);
        }
        List<String> names = new ArrayList<>();
        String inner = text.substring(1, text.length() - 1);
        int pos = 0;
        while (pos < inner.length()) {
            char c = inner.charAt(pos);
            if (c == ' ') {
                pos++;
            } else if (c == '"') {
                int close = inner.indexOf('"', pos + 1);
                if (close < 0) {
                    throw new ImapSyntaxException("Invalid header field list: " + text);
                }
                names.add(inner.substring(pos + 1, close));
                pos = close + 1;
            } else {
                int end = inner.indexOf(' ', pos);
                end = end < 0 ? inner.length() : end;
                String name = inner.substring(pos, end);
                if (name.indexOf('(') >= 0 || name.indexOf(')') >= 0 || name.indexOf(':') >= 0) {
                    throw new ImapSyntaxException("Invalid header field name: " + name);
                }
                names.add(name);
                pos = end;
            }
        }
        if (names.isEmpty()) {
            throw new ImapSyntaxException("Empty header field list");
        }
        return names;
    }

    /** The section as it goes back in the response: {@code 1.2.HEADER.FIELDS (DATE FROM)}. */
    public String toImap() {
        StringBuilder out = new StringBuilder();
        for (int n : part) {
            if (out.length() > 0) {
                out.append('.');
            }
            out.append(n);
        }
        String keyword = switch (kind) {
            case BODY -> "";
            case HEADER -> "HEADER";
            case TEXT -> "TEXT";
            case MIME -> "MIME";
            case HEADER_FIELDS -> "HEADER.FIELDS";
            case HEADER_FIELDS_NOT -> "HEADER.FIELDS.NOT";
        };
        if (!keyword.isEmpty() && out.length() > 0) {
            out.append('.');
        }
        out.append(keyword);
        if (!fieldNames.isEmpty()) {
            out.append(" (");
            for (int i = 0; i < fieldNames.size(); i++) {
                if (i > 0) {
                    out.append(' ');
                }
                String name = fieldNames.get(i);
                boolean atom = !name.isEmpty() && name.chars().allMatch(ch -> ch > ' ' && ch < 127 && "(){%*\"\\]".indexOf(ch) < 0);
                out.append(atom ? name : '"' + name.replace("\\", "\\\\").replace("\"", "\\\"") + '"');
            }
            out.append(')');
        }
        return out.toString();
    }
}
