package org.yubin.delivery;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Iterator;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Delivers messages into a {@link Maildir} the way Dovecot's LDA does: the file is
 * written in {@code tmp/}, synced, hard-linked into {@code new/} (never replacing a
 * file there), and {@code new/} is synced before {@link #deliverOnce} returns.
 *
 * <p>File names are {@code <arrival secs>.Y<queue id>.<host>,S=<size>,W=<virtual size>}:
 * {@code S=} is the size of the stored file (LF line ends), {@code W=} its size with
 * CRLF line ends, as Dovecot writes them. Because the name comes from the queue id, a
 * second delivery of the same message does not make a second copy: the link into
 * {@code new/} never replaces a file of the same name; a redelivery, which the user may
 * already have seen or another node may have written, first looks for the exact name and
 * searches {@code new/} and {@code cur/} for the queue id, and writes nothing if found.
 *
 * <p>Thread-safe and stateless: any number of threads (or processes) may deliver
 * into the same Maildir at once.
 */
public final class MaildirWriter {

    private static final Set<OpenOption> CREATE_TMP = Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);

    private final String host;

    /** @param hostname this server's name, written into file names as Dovecot encodes it */
    public MaildirWriter(String hostname) {
        this.host = encodeHostname(hostname);
    }

    /** Dovecot's escaping of the host part: {@code /} becomes {@code \057}, {@code :} becomes {@code \072}. */
    public static String encodeHostname(String hostname) {
        return hostname.replace("/", "\\057").replace(":", "\\072");
    }

    /** True when {@code queueId} may be used in a file name by {@link #deliverOnce}: 1 to 64 of {@code [A-Za-z0-9_-]}. */
    public static boolean isValidQueueId(String queueId) {
        if (queueId == null || queueId.isEmpty() || queueId.length() > 64) {
            return false;
        }
        for (int i = 0; i < queueId.length(); i++) {
            char c = queueId.charAt(i);
            if (!(c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '_' || c == '-')) {
                return false;
            }
        }
        return true;
    }

    /**
     * Stores the message made of {@code parts} (concatenated, CRLF line ends turned
     * into LF) in {@code maildir}'s {@code new/}, creating the mailbox when missing —
     * unless the same message is already in {@code new/}, or, when {@code redelivery},
     * a message of the same arrival second and queue id is in {@code new/} or
     * {@code cur/}. Two concurrent calls for the same message store it once.
     *
     * @return the stored file, or the earlier copy with {@code alreadyPresent}
     * @throws IllegalArgumentException if {@code queueId} is not {@linkplain #isValidQueueId valid}
     * @throws IOException when the mailbox cannot be written; nothing is left in {@code new/} then
     */
    public StoredMessage deliverOnce(Maildir maildir, String queueId, long arrivalEpochSeconds,
                                     boolean redelivery, byte[]... parts) throws IOException {
        if (!isValidQueueId(queueId)) {
            throw new IllegalArgumentException("queue id not usable in a file name");
        }
        if (!maildir.isInbox()) {
            // a folder is checked each time (created with its marker, never a symbolic link)
            maildir.create();
        }
        String prefix = arrivalEpochSeconds + ".Y" + queueId + ".";
        LfConverter.Converted message = LfConverter.convert(parts);
        Path target = maildir.newDir().resolve(
                prefix + host + ",S=" + message.length() + ",W=" + message.virtualSize());
        if (redelivery) {
            if (Files.exists(target)) {
                return new StoredMessage(target, true);
            }
            // the host is left out of the match so that another node's copy counts too
            Optional<Path> earlier = find(maildir.newDir(), prefix);
            if (earlier.isEmpty()) {
                earlier = find(maildir.cur(), prefix);
            }
            if (earlier.isPresent()) {
                return new StoredMessage(earlier.get(), true);
            }
        }
        Path tmp = maildir.tmp().resolve(prefix + host + "." + Long.toUnsignedString(ThreadLocalRandom.current().nextLong(), 36));
        try {
            try (FileChannel channel = inCompleteMailbox(maildir,
                    () -> FileChannel.open(tmp, CREATE_TMP, Maildir.ownerOnlyFile(tmp)))) {
                ByteBuffer bytes = ByteBuffer.wrap(message.bytes(), 0, message.length());
                while (bytes.hasRemaining()) {
                    channel.write(bytes);
                }
                channel.force(true);
            }
            try {
                inCompleteMailbox(maildir, () -> Files.createLink(target, tmp));
            } catch (FileAlreadyExistsException e) {
                // the same message (queue id, recipient, size) is there already
                return new StoredMessage(target, true);
            }
            Maildir.syncDirectory(maildir.newDir());
            return new StoredMessage(target, false);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /**
     * Runs {@code step} in the mailbox, which is assumed complete (no look-ups per
     * delivery); when a directory of it is missing, the mailbox is completed and the step
     * runs once more.
     */
    private static <T> T inCompleteMailbox(Maildir maildir, MailboxStep<T> step) throws IOException {
        try {
            return step.run();
        } catch (NoSuchFileException e) {
            maildir.create();
            return step.run();
        }
    }

    @FunctionalInterface
    private interface MailboxStep<T> {
        T run() throws IOException;
    }

    /** A file in {@code dir} whose name starts with {@code prefix}; none when {@code dir} does not exist (yet). */
    private static Optional<Path> find(Path dir, String prefix) throws IOException {
        try (DirectoryStream<Path> matches = Files.newDirectoryStream(dir, p -> p.getFileName().toString().startsWith(prefix))) {
            Iterator<Path> first = matches.iterator();
            return first.hasNext() ? Optional.of(first.next()) : Optional.empty();
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
    }
}
