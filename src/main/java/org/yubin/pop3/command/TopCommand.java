package org.yubin.pop3.command;

import java.util.Set;

import org.yubin.pop3.Pop3Session;
import org.yubin.pop3.Pop3SessionState;
import org.yubin.pop3.codec.DotStuffedMessage;
import org.yubin.pop3.codec.Pop3Reply;

/** TOP msg n (RFC 1939 7): the header, the blank line and the first {@code n} body lines. */
final class TopCommand implements Pop3Command {

    @Override
    public Set<Pop3SessionState> states() {
        return Set.of(Pop3SessionState.TRANSACTION);
    }

    @Override
    public void execute(Pop3Session session, String argument) {
        String[] words = MessageNumbers.words(argument);
        long lines = words.length == 2 ? lineCount(words[1]) : -1;
        if (lines < 0) {
            session.error(Pop3Reply.err("Syntax: TOP msg n"));
            return;
        }
        int number = MessageNumbers.existing(session, words[0]);
        if (number == MessageNumbers.INVALID) {
            return;
        }
        MessageContent.send(session, number, session.maildrop()::top, Pop3Reply.ok(""),
                content -> DotStuffedMessage.top(content, lines));
    }

    /** A non-negative decimal line count; at most 18 digits, else -1. */
    private static long lineCount(String word) {
        return word.matches("[0-9]{1,18}") ? Long.parseLong(word) : -1;
    }
}
