package org.yubin.imap;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.yubin.delivery.MaildirFolderName;
import org.yubin.delivery.store.Mailbox;
import org.yubin.delivery.store.MailboxMessage;
import org.yubin.imap.codec.SequenceSet;

/**
 * A session's view of its selected mailbox: the messages in sequence-number order (the
 * store's immutable records, shared, so a view costs a reference per message), the UIDs
 * that are {@code \Recent} for this session, and whether the directory changed since the
 * last refresh. The view changes only in {@link #update} and the session's own
 * expunges, so sequence numbers stay put while a command runs (RFC 3501 7.4.1).
 * Used on the session's event loop; {@link #markChanged()} from any thread.
 */
public final class SelectedMailbox implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SelectedMailbox.class);

    private final Mailbox mailbox;
    private final String name;
    private final boolean readOnly;
    private final ArrayList<MailboxMessage> view;
    private final Set<Long> recent;
    private volatile boolean changed;
    private AutoCloseable watch;

    SelectedMailbox(Mailbox mailbox, String name, boolean readOnly, List<MailboxMessage> messages, Set<Long> recent) {
        this.mailbox = mailbox;
        this.name = name;
        this.readOnly = readOnly;
        this.view = new ArrayList<>(messages);
        this.recent = new HashSet<>(recent);
    }

    void watch(AutoCloseable registration) {
        this.watch = registration;
    }

    public Mailbox mailbox() {
        return mailbox;
    }

    /** The mailbox name as the store knows it (Unicode). */
    public String name() {
        return name;
    }

    public boolean isReadOnly() {
        return readOnly;
    }

    public int size() {
        return view.size();
    }

    /** The message with sequence number {@code seq} (1-based). */
    public MailboxMessage get(int seq) {
        return view.get(seq - 1);
    }

    public List<MailboxMessage> messages() {
        return view;
    }

    public boolean isRecent(MailboxMessage message) {
        return !recent.isEmpty() && recent.contains(message.uid());
    }

    public int recentCount() {
        return recent.size();
    }

    /** Sequence number of the message with {@code uid}, or 0. */
    public int seqOfUid(long uid) {
        int low = 0;
        int high = view.size() - 1;
        while (low <= high) {
            int mid = (low + high) >>> 1;
            long at = view.get(mid).uid();
            if (at < uid) {
                low = mid + 1;
            } else if (at > uid) {
                high = mid - 1;
            } else {
                return mid + 1;
            }
        }
        return 0;
    }

    /**
     * The sequence numbers a set names, ascending, without duplicates. A UID set names the
     * messages with those UIDs ({@code *} is the highest UID, so {@code n:*} always names the
     * last message, RFC 3501 6.4.8); a sequence set beyond the mailbox is BAD (RFC 3501 9).
     */
    public int[] resolve(SequenceSet set, boolean uid) throws ImapCommandException {
        if (view.isEmpty()) {
            if (!uid) {
                throw ImapCommandException.bad("No messages in mailbox");
            }
            return new int[0];
        }
        List<long[]> ranges = set.ranges(uid ? view.get(view.size() - 1).uid() : view.size());
        if (ranges.size() == 1) {
            // one range (mbsync's UID FETCH of one message): no walk over the whole mailbox
            return resolveRange(ranges.get(0), uid);
        }
        boolean[] hit = new boolean[view.size() + 1];
        for (long[] range : ranges) {
            if (uid) {
                int from = firstAtOrAbove(range[0]);
                for (int i = from; i < view.size() && view.get(i).uid() <= range[1]; i++) {
                    hit[i + 1] = true;
                }
            } else {
                if (range[1] > view.size()) {
                    throw ImapCommandException.bad("Invalid message sequence number: " + range[1]);
                }
                for (long seq = range[0]; seq <= range[1]; seq++) {
                    hit[(int) seq] = true;
                }
            }
        }
        int count = 0;
        for (boolean h : hit) {
            if (h) {
                count++;
            }
        }
        int[] seqs = new int[count];
        int next = 0;
        for (int seq = 1; seq < hit.length; seq++) {
            if (hit[seq]) {
                seqs[next++] = seq;
            }
        }
        return seqs;
    }

    private int[] resolveRange(long[] range, boolean uid) throws ImapCommandException {
        int from;
        int to;
        if (uid) {
            from = firstAtOrAbove(range[0]);
            to = firstAtOrAbove(range[1] + 1);
        } else {
            if (range[1] > view.size()) {
                throw ImapCommandException.bad("Invalid message sequence number: " + range[1]);
            }
            from = (int) range[0] - 1;
            to = (int) range[1];
        }
        int[] seqs = new int[Math.max(0, to - from)];
        for (int i = 0; i < seqs.length; i++) {
            seqs[i] = from + i + 1;
        }
        return seqs;
    }

    private int firstAtOrAbove(long uid) {
        int low = 0;
        int high = view.size();
        while (low < high) {
            int mid = (low + high) >>> 1;
            if (view.get(mid).uid() < uid) {
                low = mid + 1;
            } else {
                high = mid;
            }
        }
        return low;
    }

    /** Replaces the message with sequence number {@code seq} by its changed version. */
    public void replace(int seq, MailboxMessage changedMessage) {
        view.set(seq - 1, changedMessage);
    }

    /** Removes the message with {@code uid} and returns the sequence number it had, or 0. */
    public int remove(long uid) {
        int seq = seqOfUid(uid);
        if (seq > 0) {
            view.remove(seq - 1);
            recent.remove(uid);
        }
        return seq;
    }

    /** Called by the store's change watch, on any thread. */
    public void markChanged() {
        changed = true;
    }

    public boolean hasChanged() {
        return changed;
    }

    /**
     * Rescans the mailbox and tells the client what changed: {@code EXPUNGE} for vanished
     * messages, {@code EXISTS}/{@code RECENT} for new ones, {@code FETCH (FLAGS)} for
     * flags changed elsewhere. Only where RFC 3501 7.4.1 allows expunge responses.
     */
    public void update(ImapSession session) throws IOException {
        changed = false;
        Mailbox.Refresh refresh = mailbox.refresh();
        boolean removed = false;
        for (long uid : refresh.expunged()) {
            int seq = remove(uid);
            if (seq > 0) {
                session.untagged(seq + " EXPUNGE");
                removed = true;
            }
        }
        long lastUid = view.isEmpty() ? 0 : view.get(view.size() - 1).uid();
        int before = view.size();
        for (MailboxMessage added : refresh.added()) {
            if (added.uid() > lastUid) {
                view.add(added);
                lastUid = added.uid();
            }
        }
        recent.addAll(refresh.recent());
        for (MailboxMessage changedMessage : refresh.changed()) {
            int seq = seqOfUid(changedMessage.uid());
            if (seq > 0) {
                view.set(seq - 1, changedMessage);
                session.untagged(session.flagsUpdate(seq, changedMessage, isRecent(changedMessage)));
            }
        }
        if (view.size() != before || removed) {
            session.untagged(view.size() + " EXISTS");
        }
        if (!refresh.recent().isEmpty()) {
            session.untagged(recent.size() + " RECENT");
        }
    }

    /** The Maildir directory of a mailbox, which the store's change events name. */
    static Path directoryOf(Path maildir, String name) {
        return MaildirFolderName.isInbox(name) ? maildir : maildir.resolve(MaildirFolderName.toDirectoryName(name));
    }

    @Override
    public void close() {
        if (watch != null) {
            try {
                watch.close();
            } catch (Exception e) {
                LOG.warn("imap: closing the change watch of {} failed: {}", name, e.toString());
            }
        }
        mailbox.close();
    }
}
