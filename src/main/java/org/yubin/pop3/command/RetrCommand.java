package org.yubin.pop3.command;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.NoSuchFileException;
import java.util.Set;

import org.yubin.pop3.Pop3Session;
import org.yubin.pop3.Pop3SessionState;
import org.yubin.pop3.codec.DotStuffedMessage;
import org.yubin.pop3.codec.Pop3Reply;

/** RETR msg (RFC 1939 5): the whole message, byte-stuffed; it will be marked {@code \Seen} at QUIT. */
final class RetrCommand implements Pop3Command {

    @Override
    public Set<Pop3SessionState> states() {
        return Set.of(Pop3SessionState.TRANSACTION);
    }

    @Override
    public void execute(Pop3Session session, String argument) {
        String[] words = MessageNumbers.words(argument);
        if (words.length != 1) {
            session.error(Pop3Reply.err("Syntax: RETR msg"));
            return;
        }
        int number = MessageNumbers.existing(session, words[0]);
        if (number == MessageNumbers.INVALID) {
            return;
        }
        InputStream content;
        try {
            content = session.maildrop().retrieve(number);
        } catch (NoSuchFileException expunged) {
            session.reply(MessageContent.EXPUNGED);
            return;
        } catch (IOException e) {
            session.reply(MessageContent.readError(session, number, e));
            return;
        }
        session.sendContent(Pop3Reply.ok(session.maildrop().sizeOf(number) + " octets"),
                DotStuffedMessage.whole(content));
    }
}
