package org.yubin.delivery.store;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Dovecot's dotlock on a mailbox's {@code dovecot-uidlist}: the file
 * {@code dovecot-uidlist.lock}, created with {@code O_EXCL}, held while the uidlist (and
 * yubin's {@code yubin-modseq} and {@code dovecot-keywords}) are read and rewritten, and
 * always removed by {@link #close()}. A lock file not modified for
 * {@link #STALE_AFTER} (Dovecot's {@code MAILDIR_UIDLIST_LOCK_STALE_TIMEOUT}) is taken as
 * left by a crashed process and removed. Threads of this JVM queue on an in-memory
 * lock first, so only one of them spins on the file. Not reentrant.
 */
public final class UidListLock implements AutoCloseable {

    public static final String FILE_NAME = UidList.FILE_NAME + ".lock";

    /** Dovecot treats an untouched uidlist lock as stale after two minutes. */
    static final Duration STALE_AFTER = Duration.ofMinutes(2);

    /** How long to wait for the lock before giving up; a little more than the stale time, as Dovecot. */
    static final Duration TIMEOUT = STALE_AFTER.plusSeconds(2);

    private static final String OWNER = ProcessHandle.current().pid() + ":" + hostname() + "\n";

    private static final ConcurrentHashMap<Path, ReentrantLock> JVM_LOCKS = new ConcurrentHashMap<>();

    private final Path file;
    private final ReentrantLock jvmLock;

    private UidListLock(Path file, ReentrantLock jvmLock) {
        this.file = file;
        this.jvmLock = jvmLock;
    }

    /**
     * Takes the lock of the mailbox in {@code mailboxDirectory}, waiting for other holders.
     *
     * @throws IOException when it could not be had within {@link #TIMEOUT}, or on interruption
     */
    public static UidListLock acquire(Path mailboxDirectory) throws IOException {
        Path file = mailboxDirectory.resolve(FILE_NAME);
        ReentrantLock jvmLock = JVM_LOCKS.computeIfAbsent(file, f -> new ReentrantLock());
        if (jvmLock.isHeldByCurrentThread()) {
            throw new IllegalStateException("uidlist lock is not reentrant: " + file);
        }
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        try {
            if (!jvmLock.tryLock(TIMEOUT.toNanos(), TimeUnit.NANOSECONDS)) {
                throw new IOException("timeout waiting for " + file);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted waiting for " + file);
        }
        try {
            createLockFile(file, deadline);
            return new UidListLock(file, jvmLock);
        } catch (IOException | RuntimeException e) {
            jvmLock.unlock();
            throw e;
        }
    }

    private static void createLockFile(Path file, long deadline) throws IOException {
        byte[] owner = OWNER.getBytes(StandardCharsets.US_ASCII);
        long sleepMillis = 2;
        while (true) {
            try {
                Files.write(file, owner, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
                return;
            } catch (FileAlreadyExistsException e) {
                removeIfStale(file);
            }
            if (System.nanoTime() > deadline) {
                throw new IOException("timeout waiting for " + file);
            }
            try {
                Thread.sleep(sleepMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted waiting for " + file);
            }
            sleepMillis = Math.min(50, sleepMillis * 2);
        }
    }

    private static void removeIfStale(Path file) throws IOException {
        FileTime modified;
        try {
            modified = Files.getLastModifiedTime(file);
        } catch (NoSuchFileException e) {
            return;
        }
        if (modified.toInstant().plus(STALE_AFTER).isBefore(Instant.now())) {
            Files.deleteIfExists(file);
        }
    }

    private static String hostname() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "localhost";
        }
    }

    /** Removes the lock file and lets the next waiter in. */
    @Override
    public void close() throws IOException {
        try {
            Files.deleteIfExists(file);
        } finally {
            jvmLock.unlock();
        }
    }
}
