package org.yubin.imap.search;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.yubin.imap.codec.ImapToken;

/** Command arguments for tests, written as text; no escapes or literals. */
public final class ArgumentTokens {

    private ArgumentTokens() {
    }

    /** Splits on spaces: words become atoms, {@code "..."} strings, {@code ( )} lists. */
    public static List<ImapToken> of(String text) {
        List<ImapToken> root = new ArrayList<>();
        List<List<ImapToken>> stack = new ArrayList<>();
        stack.add(root);
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            List<ImapToken> top = stack.get(stack.size() - 1);
            if (c == ' ') {
                i++;
            } else if (c == '(') {
                List<ImapToken> inner = new ArrayList<>();
                top.add(new ImapToken.ListToken(inner));
                stack.add(inner);
                i++;
            } else if (c == ')') {
                stack.remove(stack.size() - 1);
                i++;
            } else if (c == '"') {
                int close = text.indexOf('"', i + 1);
                top.add(new ImapToken.Str(text.substring(i + 1, close).getBytes(StandardCharsets.UTF_8), false));
                i = close + 1;
            } else {
                int end = i;
                while (end < text.length() && " ()".indexOf(text.charAt(end)) < 0) {
                    end++;
                }
                top.add(new ImapToken.Atom(text.substring(i, end)));
                i = end;
            }
        }
        return root;
    }
}
