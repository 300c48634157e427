package org.yubin.pop3.command;

import static org.yubin.log.LogText.printable;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;
import java.util.function.Supplier;

import org.yubin.pop3.Pop3Session;
import org.yubin.pop3.codec.Pop3Reply;

/** Parses the message-number and line-count arguments of RFC 1939 5, answering bad ones. */
final class MessageNumbers {

    /** Of a word the client sent, at most this much is echoed in the refusal. */
    private static final int MAX_ECHOED = 256;

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
            session.error(Pop3Reply.err("Invalid message number: " + printable(word, MAX_ECHOED)));
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

    /**
     * The message named by an argument that must be exactly one message number (DELE,
     * RETR); otherwise {@link #INVALID} after {@code -ERR} with {@code usage} or the reason.
     */
    static int onlyArgument(Pop3Session session, String argument, String usage) {
        String[] words = words(argument);
        if (words.length != 1) {
            session.error(Pop3Reply.err(usage));
            return INVALID;
        }
        return existing(session, words[0]);
    }

    /**
     * Answers a scan listing command (LIST, UIDL): with one message number {@code +OK} and
     * that message's {@code info}, with none a multi-line reply headed by {@code summary}
     * with a line per message not marked deleted.
     *
     * @param usage the {@code -ERR} text for more than one argument
     */
    static void scanListing(Pop3Session session, String argument, String usage, IntFunction<String> info,
                            Supplier<String> summary) {
        String[] words = words(argument);
        if (words.length > 1) {
            session.error(Pop3Reply.err(usage));
        } else if (words.length == 1) {
            int number = existing(session, words[0]);
            if (number != INVALID) {
                session.reply(Pop3Reply.ok(number + " " + info.apply(number)));
            }
        } else {
            List<String> lines = new ArrayList<>();
            for (int number = 1; number <= session.maildrop().size(); number++) {
                if (session.maildrop().exists(number)) {
                    lines.add(number + " " + info.apply(number));
                }
            }
            session.reply(Pop3Reply.multiLine(summary.get(), lines));
        }
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
