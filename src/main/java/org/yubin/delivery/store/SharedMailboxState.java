package org.yubin.delivery.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What all open {@link MaildirMailbox} instances of one directory share, so that a
 * thousand sessions on one INBOX cost little more than one: the modseq log, each
 * message's unchanging facts and last known file, and the last listing's result
 * ({@link Snapshot}) with the immutable {@link MailboxMessage} records, which sessions
 * reuse instead of listing the directory again while nothing has changed. Per session
 * remain only its view (references into the snapshot) and its recent UIDs.
 *
 * <p>Owned by {@link MailboxShares}: created with the first open mailbox of the
 * directory, dropped with the last. Thread-safe.
 */
final class SharedMailboxState {

    /** Dovecot's rule: a directory whose mtime is this much older than a listing cannot hide a later change. */
    static final long STABLE_NANOS = 2_000_000_000L;

    final Path directory;
    final ModSeqStore modSeqs;
    /** Size, virtual size and date by base name: they never change for a message. */
    final Map<String, Facts> facts = new ConcurrentHashMap<>();
    /** Where each message was last seen, relative to the directory ({@code cur/<name>}), by base name. */
    final Map<String, String> locations = new ConcurrentHashMap<>();
    /** Change announcements and directory events since the state was made. */
    final AtomicLong generation = new AtomicLong();
    private volatile Snapshot snapshot;
    int users;
    AutoCloseable watch;

    record Facts(long size, long virtualSize, java.time.Instant internalDate) {
    }

    /**
     * One listing's result.
     *
     * @param messages the messages in UID order (immutable, shared by the sessions' views)
     * @param key the directory's state as it was before the listing started
     * @param generation {@link #generation} before the listing started
     * @param listedAt wall-clock nanoseconds when the listing started
     */
    record Snapshot(List<MailboxMessage> messages, long uidValidity, long uidNext, long highestModSeq, KeywordTable keywords,
                    StatKey key, long generation, long listedAt) {
    }

    /** The modification times, sizes and identities of what a listing reads. */
    record StatKey(List<Object> parts) {

        static StatKey of(Path directory) throws IOException {
            List<Object> parts = new ArrayList<>(12);
            for (String name : List.of("new", "cur", UidList.FILE_NAME, ModSeqStore.FILE_NAME, KeywordTable.FILE_NAME)) {
                try {
                    BasicFileAttributes a = Files.readAttributes(directory.resolve(name), BasicFileAttributes.class);
                    parts.add(a.lastModifiedTime());
                    parts.add(a.size());
                    parts.add(a.fileKey());
                } catch (NoSuchFileException e) {
                    parts.add(null);
                }
            }
            return new StatKey(parts);
        }

        /** The newest modification time in the key, in nanoseconds since the epoch. */
        long newestNanos() {
            long newest = 0;
            for (Object part : parts) {
                if (part instanceof FileTime time) {
                    newest = Math.max(newest, time.to(java.util.concurrent.TimeUnit.NANOSECONDS));
                }
            }
            return newest;
        }
    }

    SharedMailboxState(Path directory) {
        this.directory = directory;
        this.modSeqs = new ModSeqStore(directory);
    }

    /**
     * The last snapshot if it is still what a listing would find now: no file it read has
     * changed, and either no change was announced or watched since it was made, or its
     * files were already {@value #STABLE_NANOS} ns old when it was made (a change within
     * the same time-stamp tick would otherwise go unseen). Null when a listing is needed.
     */
    Snapshot current(StatKey now) {
        Snapshot last = snapshot;
        if (last == null || !last.key().equals(now)) {
            return null;
        }
        boolean quiet = last.generation() == generation.get();
        boolean stable = now.newestNanos() < last.listedAt() - STABLE_NANOS;
        return quiet || stable ? last : null;
    }

    /** Publishes a listing's result unless a newer one is there already. */
    synchronized void publish(Snapshot fresh) {
        Snapshot last = snapshot;
        if (last == null || last.listedAt() <= fresh.listedAt()) {
            snapshot = fresh;
        }
    }

    /** The record of the last snapshot equal to {@code candidate}, so views share one instance; else the candidate. */
    MailboxMessage intern(MailboxMessage candidate) {
        Snapshot last = snapshot;
        if (last == null) {
            return candidate;
        }
        List<MailboxMessage> messages = last.messages();
        int low = 0;
        int high = messages.size() - 1;
        while (low <= high) {
            int mid = (low + high) >>> 1;
            MailboxMessage at = messages.get(mid);
            if (at.uid() < candidate.uid()) {
                low = mid + 1;
            } else if (at.uid() > candidate.uid()) {
                high = mid - 1;
            } else {
                return at.equals(candidate) ? at : candidate;
            }
        }
        return candidate;
    }

    /** Forgets what a listing no longer found. */
    void retain(java.util.Set<String> baseNames) {
        facts.keySet().retainAll(baseNames);
        locations.keySet().retainAll(baseNames);
    }

    @Override
    public String toString() {
        return "SharedMailboxState[" + directory + ", users=" + users + ", snapshot=" + Objects.requireNonNullElse(
                snapshot == null ? null : snapshot.messages().size(), 0) + "]";
    }
}
