package org.yubin.delivery.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * CONDSTORE modification sequences (RFC 7162) of one mailbox, which Dovecot keeps in its
 * index and yubin keeps in its own file {@code yubin-modseq} next to
 * {@code dovecot-uidlist}. The file is a log, appended to and now and then compacted:
 * <pre>
 * yubin-modseq 1
 * &lt;uid&gt; &lt;modseq&gt; 2,&lt;info letters as recorded&gt;
 * &lt;uid&gt; &lt;modseq&gt; x          (expunged)
 * </pre>
 * The last line of a UID wins; the highest modseq is the largest in the file, so it never
 * goes down across restarts. Recording the info letters lets every session notice a flag
 * change made by another process (a file renamed by Dovecot) exactly once. Dovecot ignores
 * the file. One instance per mailbox directory is shared by all its sessions
 * ({@link SharedMailboxState}): thread-safe; changes are made under the {@link UidListLock}.
 */
public final class ModSeqStore {

    public static final String FILE_NAME = "yubin-modseq";

    private static final String HEADER = "yubin-modseq 1\n";

    private final Path file;
    private final Map<Long, Recorded> byUid = new HashMap<>();
    private long highest;
    private long offset;
    private long lines;
    private Object fileKey;

    /** What the log says of one message: its modseq and the info letters it had then. */
    public record Recorded(long modSeq, String info) {
    }

    public ModSeqStore(Path mailboxDirectory) {
        this.file = mailboxDirectory.resolve(FILE_NAME);
    }

    /** Reads what other sessions and processes appended since the last call (all of it after a compaction). */
    public synchronized void catchUp() throws IOException {
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(file, BasicFileAttributes.class);
        } catch (NoSuchFileException e) {
            return;
        }
        if (!Objects.equals(attributes.fileKey(), fileKey) || attributes.size() < offset) {
            byUid.clear();
            offset = 0;
            lines = 0;
            fileKey = attributes.fileKey();
        }
        if (attributes.size() == offset) {
            return;
        }
        byte[] tail;
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long length = channel.size() - offset;
            ByteBuffer buffer = ByteBuffer.allocate((int) Math.min(length, Integer.MAX_VALUE - 16));
            while (buffer.hasRemaining() && channel.read(buffer, offset + buffer.position()) > 0) {
                // reads until the end as it was when opened
            }
            tail = new byte[buffer.position()];
            buffer.flip().get(tail);
        }
        int start = 0;
        for (int i = 0; i < tail.length; i++) {
            if (tail[i] == '\n') {
                parseLine(new String(tail, start, i - start, StandardCharsets.US_ASCII));
                start = i + 1;
            }
        }
        // a line being appended right now is read next time, once complete
        offset += start;
    }

    private void parseLine(String line) {
        String[] fields = line.split(" ");
        if (fields.length != 3) {
            return;
        }
        try {
            long uid = Long.parseLong(fields[0]);
            long modSeq = Long.parseLong(fields[1]);
            highest = Math.max(highest, modSeq);
            lines++;
            if (fields[2].equals("x")) {
                byUid.remove(uid);
            } else if (fields[2].startsWith("2,")) {
                byUid.put(uid, new Recorded(modSeq, fields[2].substring(2)));
            }
        } catch (NumberFormatException e) {
            // not a line of this format (the header); skipped
        }
    }

    public synchronized long highest() {
        return highest;
    }

    /** The UIDs with a record (messages not known to be expunged), as a copy. */
    public synchronized java.util.Set<Long> uids() {
        return java.util.Set.copyOf(byUid.keySet());
    }

    /** How many UIDs have a record. */
    public synchronized int count() {
        return byUid.size();
    }

    /** What was recorded for {@code uid}, or null. */
    public synchronized Recorded get(long uid) {
        return byUid.get(uid);
    }

    /**
     * Gives all {@code changes} (UID → info letters now) one new modseq and all
     * {@code expunged} UIDs another step; returns the new highest modseq. The caller holds
     * the {@link UidListLock} and has called {@link #catchUp()} under it.
     */
    public synchronized long record(Map<Long, String> changes, Iterable<Long> expunged) throws IOException {
        long modSeq = highest + 1;
        StringBuilder out = new StringBuilder();
        boolean any = false;
        for (Map.Entry<Long, String> change : changes.entrySet()) {
            out.append(change.getKey()).append(' ').append(modSeq).append(" 2,").append(change.getValue()).append('\n');
            byUid.put(change.getKey(), new Recorded(modSeq, change.getValue()));
            any = true;
            lines++;
        }
        for (Long uid : expunged) {
            out.append(uid).append(' ').append(modSeq).append(" x\n");
            byUid.remove(uid);
            any = true;
            lines++;
        }
        if (!any) {
            return highest;
        }
        highest = modSeq;
        if (lines > 2L * byUid.size() + 256) {
            compact();
        } else {
            append(out.toString());
        }
        return highest;
    }

    private void append(String text) throws IOException {
        boolean fresh = !Files.exists(file);
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND)) {
            ByteBuffer bytes = ByteBuffer.wrap(((fresh ? HEADER : "") + text).getBytes(StandardCharsets.US_ASCII));
            while (bytes.hasRemaining()) {
                channel.write(bytes);
            }
            channel.force(false);
        }
        BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
        fileKey = attributes.fileKey();
        offset = attributes.size();
    }

    /** Rewrites the log with one line per message plus a line keeping the highest modseq. */
    private void compact() throws IOException {
        StringBuilder out = new StringBuilder(HEADER);
        byUid.forEach((uid, recorded) -> out.append(uid).append(' ').append(recorded.modSeq()).append(" 2,")
                .append(recorded.info()).append('\n'));
        out.append("0 ").append(highest).append(" x\n");
        Path tmp = file.resolveSibling(FILE_NAME + ".yubin-" + ProcessHandle.current().pid() + ".tmp");
        try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer bytes = ByteBuffer.wrap(out.toString().getBytes(StandardCharsets.US_ASCII));
            while (bytes.hasRemaining()) {
                channel.write(bytes);
            }
            channel.force(false);
        }
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
        fileKey = attributes.fileKey();
        offset = attributes.size();
        lines = byUid.size() + 1L;
    }
}
