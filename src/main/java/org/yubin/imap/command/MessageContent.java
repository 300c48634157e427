package org.yubin.imap.command;

import java.io.IOException;

import org.yubin.delivery.store.Mailbox;
import org.yubin.delivery.store.MailboxMessage;
import org.yubin.imap.message.ParsedMessage;

/** Reads and parses a message's content for FETCH and SEARCH. */
final class MessageContent {

    private MessageContent() {
    }

    /**
     * The message parsed, its bytes read at once with CRLF line ends ({@link Mailbox#content}).
     *
     * @throws java.nio.file.NoSuchFileException if it was expunged meanwhile
     */
    static ParsedMessage parse(Mailbox mailbox, MailboxMessage message) throws IOException {
        return ParsedMessage.parse(mailbox.content(message));
    }
}
