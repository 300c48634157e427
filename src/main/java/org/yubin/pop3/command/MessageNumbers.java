package org.yubin.pop3.command;

import org.yubin.pop3.Pop3Session;
import org.yubin.pop3.codec.Pop3Reply;

/** Parses the message-number and line-count arguments of RFC 1939 5, answering bad ones. */
final class MessageNumbers {

    static final int INVALID = -1;

    private MessageNumbers() {
    }

    /**
     * The message number in {@code word}, naming a message that is not deleted; otherwise
     * {@link #INVALID} after the {@code -ERR} has been sent.
     */
    static int existing(Pop3Session session, String word) {
        int number = parse(word);
        if (number == INVALID) {
            session.error(Pop3Reply.err("Invalid message number: " + Pop3Session.printable(word)));
            return INVALID;
        }
        if (session.maildrop().isDeleted(number)) {
            session.reply(Pop3Reply.err("Message is deleted."));
            return INVALID;
        }
        if (!session.maildrop().exists(number)) {
            session.reply(Pop3Reply.err("There's no message " + number + "."));
            return INVALID;
        }
        return number;
    }

    /** A positive decimal number of at most 9 digits, or {@link #INVALID}. */
    static int parse(String word) {
        if (word.isEmpty() || word.length() > 9) {
            return INVALID;
        }
        for (int i = 0; i < word.length(); i++) {
            if (word.charAt(i) < '0' || word.charAt(i) > '9') {
                return INVALID;
            }
        }
        int number = Integer.parseInt(word);
        return number == 0 ? INVALID : number;
    }

    /** The words of an argument; {@code ""} gives none. */
    static String[] words(String argument) {
        String trimmed = argument.strip();
        return trimmed.isEmpty() ? new String[0] : trimmed.split(" +");
    }
}
