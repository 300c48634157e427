package org.yubin.imap.fetch;

import java.util.List;
import java.util.Locale;
import org.yubin.imap.codec.ImapSyntaxException;
import org.yubin.imap.codec.ImapToken;
import org.yubin.imap.message.SectionSpec;

/**
 * Reads one fetch attribute such as {@code BODY.PEEK[1.HEADER.FIELDS (DATE FROM)]<0.512>}.
 * A decoder may hand a bracketed section as one atom or split it at the field list (atom,
 * list, atom starting with {@code ]}); {@link #attributeText} joins both forms into one text.
 */
final class FetchItemParser {

    private FetchItemParser() {
    }

    /** The text of the attribute at {@code index[0]}, advancing the index past all its tokens. */
    static String attributeText(List<ImapToken> tokens, int[] index) throws ImapSyntaxException {
        if (!(tokens.get(index[0]++) instanceof ImapToken.Atom atom)) {
            throw new ImapSyntaxException("Invalid fetch item");
        }
        StringBuilder text = new StringBuilder(atom.value());
        while (unclosed(text) && index[0] < tokens.size()) {
            ImapToken token = tokens.get(index[0]++);
            if (token instanceof ImapToken.Atom more && more.value().startsWith("]")) {
                text.append(more.value());
            } else {
                text.append(' ').append(render(token));
            }
        }
        if (unclosed(text)) {
            throw new ImapSyntaxException("Missing ] in fetch item");
        }
        return text.toString();
    }

    private static boolean unclosed(CharSequence text) {
        int open = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '[') {
                open++;
            } else if (c == ']') {
                open--;
            }
        }
        return open > 0;
    }

    private static String render(ImapToken token) {
        if (token instanceof ImapToken.ListToken list) {
            StringBuilder out = new StringBuilder("(");
            for (ImapToken item : list.items()) {
                if (out.length() > 1) {
                    out.append(' ');
                }
                out.append(render(item));
            }
            return out.append(')').toString();
        }
        if (token instanceof ImapToken.Str str) {
            return '"' + str.utf8() + '"';
        }
        return ((ImapToken.Atom) token).value();
    }

    static FetchItem parse(String text) throws ImapSyntaxException {
        int bracket = text.indexOf('[');
        String name = (bracket < 0 ? text : text.substring(0, bracket)).toUpperCase(Locale.ROOT);
        if (bracket < 0) {
            for (FetchItem.Simple simple : FetchItem.Simple.values()) {
                if (simple.imapName().equals(name)) {
                    return simple;
                }
            }
            throw new ImapSyntaxException("Unknown fetch item " + text);
        }
        int close = text.lastIndexOf(']');
        if (close < bracket) {
            throw new ImapSyntaxException("Missing ] in " + text);
        }
        String inside = text.substring(bracket + 1, close);
        String after = text.substring(close + 1);
        long origin = -1;
        long count = -1;
        if (!after.isEmpty()) {
            if (!after.startsWith("<") || !after.endsWith(">") || name.equals("BINARY.SIZE")) {
                throw new ImapSyntaxException("Invalid partial in " + text);
            }
            String[] numbers = after.substring(1, after.length() - 1).split("\\.", -1);
            if (numbers.length != 2) {
                throw new ImapSyntaxException("Invalid partial in " + text);
            }
            origin = number(numbers[0], false);
            count = number(numbers[1], true);
        }
        return switch (name) {
            case "BODY" -> new FetchItem.Section(SectionSpec.parse(inside), false, false, origin, count);
            case "BODY.PEEK" -> new FetchItem.Section(SectionSpec.parse(inside), true, false, origin, count);
            case "BINARY" -> new FetchItem.Section(binarySection(inside), false, true, origin, count);
            case "BINARY.PEEK" -> new FetchItem.Section(binarySection(inside), true, true, origin, count);
            case "BINARY.SIZE" -> new FetchItem.BinarySize(binarySection(inside).part());
            default -> throw new ImapSyntaxException("Unknown fetch item " + text);
        };
    }

    /** RFC 3516: only a part path, no HEADER/TEXT/MIME. */
    private static SectionSpec binarySection(String inside) throws ImapSyntaxException {
        SectionSpec spec = SectionSpec.parse(inside);
        if (spec.kind() != SectionSpec.Kind.BODY) {
            throw new ImapSyntaxException("BINARY takes only a part number");
        }
        return spec;
    }

    private static long number(String text, boolean nonZero) throws ImapSyntaxException {
        if (text.isEmpty() || text.length() > 10 || !text.chars().allMatch(Character::isDigit)) {
            throw new ImapSyntaxException("Invalid number in partial: " + text);
        }
        long n = Long.parseLong(text);
        if (n > 0xFFFF_FFFFL || (nonZero && n == 0)) {
            throw new ImapSyntaxException("Invalid number in partial: " + text);
        }
        return n;
    }
}
