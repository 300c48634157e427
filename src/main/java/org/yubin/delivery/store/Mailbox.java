package org.yubin.delivery.store;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.List;

/**
 * One open mailbox: the messages in UID order with their Dovecot-compatible UIDs
 * ({@code dovecot-uidlist}, locked with Dovecot's {@code dovecot-uidlist.lock}), read
 * and changed by one session at a time while deliveries, other sessions and Dovecot
 * change the same directory. Messages appear only through {@link #refresh()}, so a
 * session's view (and its sequence numbers) changes only when it asks.
 */
public interface Mailbox extends AutoCloseable {

    String name();

    boolean isReadOnly();

    long uidValidity();

    /** The UID the next new message will get (as of the last refresh). */
    long uidNext();

    /** The highest CONDSTORE modification sequence of the mailbox (RFC 7162). */
    long highestModSeq();

    /**
     * Rescans the directory: messages delivered or appended since get UIDs (written to
     * {@code dovecot-uidlist}), vanished files are dropped, renamed ones (flags changed
     * elsewhere) carry their new flags.
     */
    Refresh refresh() throws IOException;

    /** The messages as of the last {@link #refresh()}, in UID order. */
    List<MailboxMessage> messages();

    /**
     * The message's bytes with CRLF line ends, {@code virtualSize} long.
     *
     * @throws java.nio.file.NoSuchFileException if it was expunged meanwhile
     */
    InputStream open(MailboxMessage message) throws IOException;

    /**
     * The message's bytes with CRLF line ends, {@code virtualSize} long, read at once
     * (FETCH of a whole message or a section).
     *
     * @throws java.nio.file.NoSuchFileException if it was expunged meanwhile
     */
    default byte[] content(MailboxMessage message) throws IOException {
        try (InputStream in = open(message)) {
            return in.readAllBytes();
        }
    }

    /** Stores {@code flags} as the message's flags (renames the file); returns the message as changed. */
    MailboxMessage setFlags(MailboxMessage message, MessageFlags flags) throws IOException;

    /** Adds a message (CRLF line ends) with these flags and internal date; returns its UID. */
    long append(byte[] message, MessageFlags flags, Instant internalDate) throws IOException;

    /** Copies messages into {@code target} keeping flags and dates; returns their new UIDs in order. */
    List<Long> copy(List<MailboxMessage> messages, Mailbox target) throws IOException;

    /** Removes messages from the mailbox (their files are deleted). */
    void expunge(List<MailboxMessage> messages) throws IOException;

    /**
     * What a {@link #refresh()} found.
     *
     * @param added messages new to this view, in UID order
     * @param expunged UIDs that vanished from this view
     * @param changed messages whose flags changed outside this view
     * @param recent UIDs of the added ones this opener was the first to see ({@code \Recent})
     */
    record Refresh(List<MailboxMessage> added, List<Long> expunged, List<MailboxMessage> changed, List<Long> recent) {
    }

    @Override
    void close();
}
