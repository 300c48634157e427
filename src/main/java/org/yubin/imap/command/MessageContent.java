package org.yubin.imap.command;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

import org.yubin.delivery.store.Mailbox;
import org.yubin.delivery.store.MailboxMessage;
import org.yubin.imap.message.ParsedMessage;

/** Reads and parses a message's content for FETCH and SEARCH. */
final class MessageContent {

    private MessageContent() {
    }

    /**
     * The message parsed, its bytes read once with CRLF line ends.
     *
     * @throws java.nio.file.NoSuchFileException if it was expunged meanwhile
     */
    static ParsedMessage parse(Mailbox mailbox, MailboxMessage message) throws IOException {
        try (InputStream in = mailbox.open(message)) {
            return ParsedMessage.parse(read(in, message.virtualSize()));
        }
    }

    /** Reads into an array of the expected size, so the bytes are copied once; copes with a wrong size. */
    private static byte[] read(InputStream in, long expected) throws IOException {
        if (expected <= 0 || expected > Integer.MAX_VALUE - 16) {
            return in.readAllBytes();
        }
        byte[] bytes = new byte[(int) expected];
        int n = in.readNBytes(bytes, 0, bytes.length);
        if (n < bytes.length) {
            return Arrays.copyOf(bytes, n);
        }
        byte[] rest = in.readAllBytes();
        if (rest.length == 0) {
            return bytes;
        }
        byte[] all = Arrays.copyOf(bytes, bytes.length + rest.length);
        System.arraycopy(rest, 0, all, bytes.length, rest.length);
        return all;
    }
}
