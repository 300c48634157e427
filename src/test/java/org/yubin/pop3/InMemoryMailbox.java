package org.yubin.pop3;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.yubin.delivery.store.Mailbox;
import org.yubin.delivery.store.MailboxMessage;
import org.yubin.delivery.store.MessageFlags;

/**
 * An INBOX in memory for the session tests: messages with CRLF content, the flags set and
 * the UIDs expunged through it, a switch that makes expunge fail, and whether it is open.
 */
final class InMemoryMailbox implements Mailbox {

    final long uidValidity;
    final Map<Long, byte[]> contents = new LinkedHashMap<>();
    final Map<Long, MailboxMessage> messages = new LinkedHashMap<>();
    final List<Long> expunged = new ArrayList<>();
    final Set<Long> vanished = new HashSet<>();
    boolean failExpunge;
    boolean open;
    int opens;
    private long nextUid = 1;

    InMemoryMailbox(long uidValidity) {
        this.uidValidity = uidValidity;
    }

    /** Adds a message ({@code \n} line ends become CRLF); returns its UID. */
    long add(String text) {
        byte[] bytes = text.replace("\r\n", "\n").replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8);
        long uid = nextUid++;
        contents.put(uid, bytes);
        messages.put(uid, new MailboxMessage(uid, "msg" + uid, text.replace("\r\n", "\n").getBytes(StandardCharsets.UTF_8).length, bytes.length,
                MessageFlags.NONE, Instant.EPOCH, 1));
        return uid;
    }

    /** The mailbox as one session sees it: opening marks it open. */
    InMemoryMailbox opened() {
        open = true;
        opens++;
        return this;
    }

    @Override
    public String name() {
        return "INBOX";
    }

    @Override
    public boolean isReadOnly() {
        return false;
    }

    @Override
    public long uidValidity() {
        return uidValidity;
    }

    @Override
    public long uidNext() {
        return nextUid;
    }

    @Override
    public long highestModSeq() {
        return 1;
    }

    @Override
    public Refresh refresh() {
        return new Refresh(List.copyOf(messages.values()), List.of(), List.of(), List.of());
    }

    @Override
    public List<MailboxMessage> messages() {
        return List.copyOf(messages.values());
    }

    @Override
    public InputStream open(MailboxMessage message) throws IOException {
        if (vanished.contains(message.uid())) {
            throw new NoSuchFileException("msg" + message.uid());
        }
        return new ByteArrayInputStream(contents.get(message.uid()));
    }

    @Override
    public MailboxMessage setFlags(MailboxMessage message, MessageFlags flags) {
        MailboxMessage changed = new MailboxMessage(message.uid(), message.baseName(), message.size(),
                message.virtualSize(), flags, message.internalDate(), message.modSeq() + 1);
        messages.put(message.uid(), changed);
        return changed;
    }

    @Override
    public long append(byte[] message, MessageFlags flags, Instant internalDate) {
        throw new UnsupportedOperationException("POP3 never appends");
    }

    @Override
    public List<Long> copy(List<MailboxMessage> list, Mailbox target) {
        throw new UnsupportedOperationException("POP3 never copies");
    }

    @Override
    public void expunge(List<MailboxMessage> list) throws IOException {
        if (failExpunge) {
            throw new IOException("disk on fire");
        }
        for (MailboxMessage message : list) {
            expunged.add(message.uid());
            messages.remove(message.uid());
            contents.remove(message.uid());
        }
    }

    @Override
    public void close() {
        open = false;
    }
}
