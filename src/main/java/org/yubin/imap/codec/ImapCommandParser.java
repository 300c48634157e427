package org.yubin.imap.codec;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Turns a command as read (line text with the literals that followed each {@code {n}})
 * into tag, name and {@link ImapToken}s, per RFC 3501 section 9: atoms, quoted strings
 * with {@code \"} and {@code \\} escapes, literals, parenthesized lists.
 *
 * <p>An atom that opens {@code [} runs to its matching {@code ]} with spaces and
 * parentheses inside, so a fetch attribute such as
 * {@code BODY.PEEK[HEADER.FIELDS (From To)]<0.2048>} is one atom, as FETCH wants it.
 * Lists nest at most {@link #MAX_DEPTH} deep. Not thread-safe; one per command.
 */
public final class ImapCommandParser {

    /** Deepest list nesting accepted; real clients use two or three levels (SEARCH, BODY[HEADER.FIELDS]). */
    public static final int MAX_DEPTH = 16;

    private final List<Object> parts;
    private int part;
    private String text;
    private int pos;

    /**
     * @param parts line segments ({@link String}, one char per byte) alternating with literal contents
     *              ({@code byte[]}); a literal stands where its segment ended
     */
    public ImapCommandParser(List<Object> parts) {
        this.parts = parts;
        this.text = (String) parts.get(0);
    }

    /** The tag and command name of a first line, for refusals before the command is complete. */
    public static String[] tagAndName(String firstLine) {
        String[] words = firstLine.split(" ", 4);
        String tag = words.length > 0 && !words[0].isEmpty() ? words[0] : "*";
        String name = words.length > 1 ? words[1].toUpperCase(Locale.ROOT) : "";
        if (name.equals("UID") && words.length > 2) {
            name = "UID " + words[2].toUpperCase(Locale.ROOT);
        }
        return new String[] {tag, name};
    }

    /**
     * Parses the whole command.
     *
     * @throws IllegalArgumentException with a short reason when it is not valid syntax
     */
    public ImapRequest.Command parse() {
        String tag = word("tag");
        if (!validTag(tag)) {
            throw new IllegalArgumentException("bad tag");
        }
        expectSpace();
        String name = word("command").toUpperCase(Locale.ROOT);
        if (name.equals("UID")) {
            expectSpace();
            name = "UID " + word("command").toUpperCase(Locale.ROOT);
        }
        List<ImapToken> args = new ArrayList<>();
        while (true) {
            if (atEnd()) {
                return new ImapRequest.Command(tag, name, List.copyOf(args));
            }
            expectSpace();
            args.add(token(0));
        }
    }

    private static boolean validTag(String tag) {
        for (int i = 0; i < tag.length(); i++) {
            char c = tag.charAt(i);
            if (c <= ' ' || c >= 0x7f || c == '+' || c == '(' || c == ')' || c == '{' || c == '%' || c == '*'
                    || c == '"' || c == '\\') {
                return false;
            }
        }
        return true;
    }

    private String word(String what) {
        int start = pos;
        while (pos < text.length() && text.charAt(pos) != ' ') {
            pos++;
        }
        if (pos == start) {
            throw new IllegalArgumentException("missing " + what);
        }
        return text.substring(start, pos);
    }

    private boolean atEnd() {
        return pos >= text.length() && part == parts.size() - 1;
    }

    private void expectSpace() {
        if (pos >= text.length() || text.charAt(pos) != ' ') {
            throw new IllegalArgumentException("expected a space");
        }
        pos++;
    }

    private ImapToken token(int depth) {
        if (pos >= text.length()) {
            if (part + 1 < parts.size()) {
                byte[] literal = (byte[]) parts.get(++part);
                text = (String) parts.get(++part);
                pos = 0;
                return new ImapToken.Str(literal, true);
            }
            throw new IllegalArgumentException("missing argument");
        }
        char c = text.charAt(pos);
        if (c == '(') {
            return list(depth + 1);
        }
        if (c == '"') {
            return quoted();
        }
        return atom();
    }

    private ImapToken list(int depth) {
        if (depth > MAX_DEPTH) {
            throw new IllegalArgumentException("lists nested too deeply");
        }
        pos++;
        List<ImapToken> items = new ArrayList<>();
        while (true) {
            if (pos < text.length() && text.charAt(pos) == ')') {
                pos++;
                return new ImapToken.ListToken(List.copyOf(items));
            }
            if (!items.isEmpty()) {
                expectSpace();
            }
            items.add(token(depth));
        }
    }

    private ImapToken quoted() {
        pos++;
        StringBuilder value = new StringBuilder();
        while (pos < text.length()) {
            char c = text.charAt(pos++);
            if (c == '"') {
                return new ImapToken.Str(value.toString().getBytes(StandardCharsets.ISO_8859_1), false);
            }
            if (c == '\\') {
                if (pos >= text.length() || (text.charAt(pos) != '"' && text.charAt(pos) != '\\')) {
                    throw new IllegalArgumentException("bad escape in quoted string");
                }
                c = text.charAt(pos++);
            }
            value.append(c);
        }
        throw new IllegalArgumentException("unterminated quoted string");
    }

    private ImapToken atom() {
        int start = pos;
        int brackets = 0;
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (c == '[') {
                brackets++;
            } else if (c == ']' && brackets > 0) {
                brackets--;
            } else if (brackets == 0 && (c == ' ' || c == '(' || c == ')' || c == '"' || c == '{')) {
                break;
            } else if (c < ' ' || c == 0x7f) {
                throw new IllegalArgumentException("control character in atom");
            }
            pos++;
        }
        if (brackets > 0) {
            throw new IllegalArgumentException("unbalanced [");
        }
        if (pos == start) {
            throw new IllegalArgumentException("unexpected character");
        }
        return new ImapToken.Atom(text.substring(start, pos));
    }
}
