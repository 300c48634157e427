package org.yubin.pop3;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.yubin.delivery.store.Mailbox;
import org.yubin.delivery.store.MailboxMessage;
import org.yubin.delivery.store.MessageFlags;
import org.yubin.delivery.store.MessageFlags.SystemFlag;

/**
 * A POP3 session's view of the INBOX (RFC 1939 5): the messages as of the login, numbered
 * 1..n, with the session's deletion marks, and what was retrieved. Sizes are the CRLF
 * ("virtual") sizes the client receives. Nothing changes on disk until {@link #update()}:
 * retrieved messages get {@code \Seen} and deleted ones are expunged, as Dovecot's POP3
 * server does. Used by one session at a time; not thread-safe.
 */
public final class Pop3Maildrop implements AutoCloseable {

    private final Mailbox mailbox;
    private final List<MailboxMessage> messages;
    private final boolean[] deleted;
    private final boolean[] retrieved;
    private int topCount;
    private int retrCount;
    private long retrBytes;

    private Pop3Maildrop(Mailbox mailbox, List<MailboxMessage> messages) {
        this.mailbox = mailbox;
        this.messages = List.copyOf(messages);
        this.deleted = new boolean[messages.size()];
        this.retrieved = new boolean[messages.size()];
    }

    /** The messages of {@code mailbox} after a refresh; the maildrop closes the mailbox. */
    public static Pop3Maildrop open(Mailbox mailbox) throws IOException {
        try {
            mailbox.refresh();
            return new Pop3Maildrop(mailbox, mailbox.messages());
        } catch (IOException | RuntimeException e) {
            mailbox.close();
            throw e;
        }
    }

    /** A maildrop without messages, for a user whose Maildir does not exist yet. */
    public static Pop3Maildrop empty() {
        return new Pop3Maildrop(null, List.of());
    }

    /** Messages in the maildrop, deleted ones included (the highest message number). */
    public int size() {
        return messages.size();
    }

    /** Messages not marked deleted. */
    public int count() {
        int count = 0;
        for (boolean d : deleted) {
            count += d ? 0 : 1;
        }
        return count;
    }

    /** Octets of the messages not marked deleted. */
    public long octets() {
        long octets = 0;
        for (int i = 0; i < messages.size(); i++) {
            octets += deleted[i] ? 0 : messages.get(i).virtualSize();
        }
        return octets;
    }

    /** Whether {@code number} names a message that is not marked deleted. */
    public boolean exists(int number) {
        return number >= 1 && number <= messages.size() && !deleted[number - 1];
    }

    /** Whether {@code number} names a message marked deleted in this session. */
    public boolean isDeleted(int number) {
        return number >= 1 && number <= messages.size() && deleted[number - 1];
    }

    public long sizeOf(int number) {
        return message(number).virtualSize();
    }

    /** The unique-id of RFC 1939 7: Dovecot's {@code %08Xu%08Xv}, UID then UIDVALIDITY in hex. */
    public String uidl(int number) {
        return String.format(Locale.ROOT, "%08X%08X", message(number).uid(), mailbox.uidValidity());
    }

    /** The content of message {@code number} for RETR, counted as retrieved. */
    public InputStream retrieve(int number) throws IOException {
        MailboxMessage message = message(number);
        InputStream content = mailbox.open(message);
        retrieved[number - 1] = true;
        retrCount++;
        retrBytes += message.virtualSize();
        return content;
    }

    /** The content of message {@code number} for TOP; not counted as retrieved. */
    public InputStream top(int number) throws IOException {
        InputStream content = mailbox.open(message(number));
        topCount++;
        return content;
    }

    public void delete(int number) {
        message(number);
        deleted[number - 1] = true;
    }

    /** RSET: unmarks every deleted message. */
    public void reset() {
        Arrays.fill(deleted, false);
    }

    /**
     * The UPDATE state (RFC 1939 6): marks retrieved messages that stay {@code \Seen}, then
     * removes the deleted ones.
     */
    public void update() throws IOException {
        if (mailbox == null) {
            return;
        }
        List<MailboxMessage> expunge = new ArrayList<>();
        for (int i = 0; i < messages.size(); i++) {
            MailboxMessage message = messages.get(i);
            if (deleted[i]) {
                expunge.add(message);
            } else if (retrieved[i] && !message.flags().system().contains(SystemFlag.SEEN)) {
                Set<SystemFlag> flags = EnumSet.of(SystemFlag.SEEN);
                flags.addAll(message.flags().system());
                mailbox.setFlags(message, new MessageFlags(flags, message.flags().keywords()));
            }
        }
        if (!expunge.isEmpty()) {
            mailbox.expunge(expunge);
        }
    }

    /** For the logout line, after Dovecot's: {@code top=<count>, retr=<count>/<octets>, del=<count>/<messages>, size=<octets>}. */
    public String summary() {
        int deletedCount = size() - count();
        long total = 0;
        for (MailboxMessage message : messages) {
            total += message.virtualSize();
        }
        return "top=" + topCount + ", retr=" + retrCount + "/" + retrBytes
                + ", del=" + deletedCount + "/" + size() + ", size=" + total;
    }

    private MailboxMessage message(int number) {
        if (number < 1 || number > messages.size()) {
            throw new IllegalArgumentException("no message " + number);
        }
        return messages.get(number - 1);
    }

    @Override
    public void close() {
        if (mailbox != null) {
            mailbox.close();
        }
    }
}
