package org.yubin.pop3.command;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.NoSuchFileException;
import java.util.function.Function;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.yubin.pop3.Pop3Session;
import org.yubin.pop3.codec.DotStuffedMessage;
import org.yubin.pop3.codec.Pop3Reply;

/** Sends message content for RETR and TOP, and answers when a message cannot be read. */
final class MessageContent {

    private static final Logger LOG = LoggerFactory.getLogger(MessageContent.class);

    /** Another session (IMAP, Dovecot) removed the file since the login. */
    private static final Pop3Reply EXPUNGED = Pop3Reply.err("Message was removed by another session.");

    private MessageContent() {
    }

    /** Opens the content of a message: {@code retrieve} (RETR) or {@code top} (TOP). */
    @FunctionalInterface
    interface Opener {
        InputStream open(int number) throws IOException;
    }

    /**
     * Sends {@code status} and the content of message {@code number}, opened by {@code opener}
     * and byte-stuffed by {@code stuffing}; or the {@code -ERR} when it cannot be read.
     */
    static void send(Pop3Session session, int number, Opener opener, Pop3Reply status,
                     Function<InputStream, DotStuffedMessage> stuffing) {
        InputStream content;
        try {
            content = opener.open(number);
        } catch (NoSuchFileException expunged) {
            session.reply(EXPUNGED);
            return;
        } catch (IOException e) {
            session.reply(readError(session, number, e));
            return;
        }
        session.sendContent(status, stuffing.apply(content));
    }

    private static Pop3Reply readError(Pop3Session session, int number, IOException cause) {
        LOG.warn("{}: cannot read message {}: rip={}: {}", session.settings().listener(), number, session.client(),
                cause.toString());
        return Pop3Reply.err(Pop3Reply.SYS_TEMP, "Error reading the message.");
    }
}
