package org.yubin.imap.command;

import java.util.List;

import org.yubin.imap.ImapCommandException;
import org.yubin.imap.codec.ImapRequest;
import org.yubin.imap.codec.ImapToken;
import org.yubin.imap.codec.SequenceSet;

/** Argument checks shared by the commands; each failure is a {@code BAD}. */
final class Args {

    private Args() {
    }

    static void count(ImapRequest.Command command, int min, int max) throws ImapCommandException {
        int n = command.args().size();
        if (n < min || n > max) {
            throw ImapCommandException.bad("Invalid arguments to " + command.name());
        }
    }

    static void none(ImapRequest.Command command) throws ImapCommandException {
        count(command, 0, 0);
    }

    /** An atom or a string as text. */
    static String astring(ImapToken token) throws ImapCommandException {
        if (token instanceof ImapToken.ListToken) {
            throw ImapCommandException.bad("String expected, got a list");
        }
        return token.text();
    }

    static String atom(ImapToken token) throws ImapCommandException {
        if (token instanceof ImapToken.Atom atom) {
            return atom.value();
        }
        throw ImapCommandException.bad("Atom expected");
    }

    static List<ImapToken> list(ImapToken token) throws ImapCommandException {
        if (token instanceof ImapToken.ListToken list) {
            return list.items();
        }
        throw ImapCommandException.bad("List expected");
    }

    static SequenceSet sequenceSet(ImapToken token) throws ImapCommandException {
        try {
            return SequenceSet.parse(atom(token));
        } catch (IllegalArgumentException e) {
            throw ImapCommandException.bad("Invalid sequence set: " + e.getMessage());
        }
    }
}
