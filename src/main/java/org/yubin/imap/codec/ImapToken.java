package org.yubin.imap.codec;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * One argument of an IMAP command as the decoder hands it on (RFC 3501 section 9):
 * an atom ({@code FLAGS}, {@code 1:*}, {@code BODY.PEEK[HEADER]}), a string (quoted
 * or literal; bytes as sent, so 8-bit data of APPEND and SEARCH CHARSET survives), or a
 * parenthesized list. {@code NIL} is the atom {@code NIL}.
 */
public sealed interface ImapToken {

    /** An atom, including the brackets and dots of fetch attributes; never empty. */
    record Atom(String value) implements ImapToken {
        public boolean is(String word) {
            return value.equalsIgnoreCase(word);
        }
    }

    /** A quoted string (unescaped) or a literal; {@code literal} tells which it was. */
    record Str(byte[] bytes, boolean literal) implements ImapToken {
        public String utf8() {
            return new String(bytes, StandardCharsets.UTF_8);
        }
    }

    /** {@code ( ... )} */
    record ListToken(List<ImapToken> items) implements ImapToken {
    }

    /** The text of an atom or string (UTF-8), for arguments where both are allowed (astring). */
    default String text() {
        if (this instanceof Atom atom) {
            return atom.value();
        }
        if (this instanceof Str str) {
            return str.utf8();
        }
        throw new IllegalArgumentException("a list where a string was expected");
    }
}
