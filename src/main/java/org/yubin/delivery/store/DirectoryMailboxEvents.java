package org.yubin.delivery.store;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link MailboxEvents} for Maildir: announcements from this JVM are passed on at once;
 * changes by other processes are seen by watching the mailbox's {@code new/} and
 * {@code cur/} (inotify on Linux), one watch per directory shared by all its listeners
 * and dropped with the last of them. Listeners run one at a time on a single thread
 * ({@code mailbox-events}); bursts of file events for one mailbox are passed on once
 * per batch. A directory that cannot be watched (the inotify watch limit reached) is
 * polled instead: every {@value #POLL_MILLIS} ms the modification times of its
 * {@code new/} and {@code cur/} are compared with the last look ({@code mailbox-poll}).
 * Thread-safe; {@link #close()} stops the threads.
 */
public final class DirectoryMailboxEvents implements MailboxEvents, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DirectoryMailboxEvents.class);

    /** How often unwatchable directories are looked at: a change reaches IDLE within a second. */
    static final long POLL_MILLIS = 500;

    private final WatchService watchService;
    private final Map<Path, Watched> watched = new ConcurrentHashMap<>();
    private final Map<WatchKey, Watched> byKey = new ConcurrentHashMap<>();
    private final ExecutorService dispatcher = Executors.newSingleThreadExecutor(r -> daemon(r, "mailbox-events"));
    private final Thread watcher;
    private final AtomicBoolean warnedAboutWatchLimit = new AtomicBoolean();
    private final boolean inotify;
    /** The mailboxes with a directory that could not be watched: the only ones the poller looks at. */
    private final Set<Watched> polledMailboxes = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService poller =
            Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "mailbox-poll"));

    /** The listeners and watch keys of one mailbox directory. */
    private static final class Watched {
        final Path directory;
        final List<Runnable> listeners = new CopyOnWriteArrayList<>();
        final List<WatchKey> keys = new ArrayList<>();
        final AtomicBoolean pending = new AtomicBoolean();
        /** The subdirectories polled instead of watched, with their modification times at the last look. */
        final Map<Path, FileTime> polled = new ConcurrentHashMap<>();

        Watched(Path directory) {
            this.directory = directory;
        }
    }

    public DirectoryMailboxEvents() throws IOException {
        this(true);
    }

    /** {@code inotify} false polls every directory (tests of the fallback). */
    DirectoryMailboxEvents(boolean inotify) throws IOException {
        this.inotify = inotify;
        this.watchService = FileSystems.getDefault().newWatchService();
        this.watcher = daemon(this::watchLoop, "mailbox-watch");
        watcher.start();
        poller.scheduleWithFixedDelay(this::pollOnce, POLL_MILLIS, POLL_MILLIS, TimeUnit.MILLISECONDS);
    }

    private static Thread daemon(Runnable task, String name) {
        Thread thread = new Thread(task, name);
        thread.setDaemon(true);
        return thread;
    }

    @Override
    public AutoCloseable watch(Path mailboxDirectory, Runnable listener) {
        Path directory = mailboxDirectory.toAbsolutePath().normalize();
        Watched entry = watched.compute(directory, (dir, existing) -> {
            Watched w = existing != null ? existing : register(dir);
            w.listeners.add(listener);
            return w;
        });
        return () -> watched.computeIfPresent(directory, (dir, w) -> {
            w.listeners.remove(listener);
            if (!w.listeners.isEmpty() || w != entry) {
                return w;
            }
            polledMailboxes.remove(w);
            w.keys.forEach(key -> {
                key.cancel();
                byKey.remove(key);
            });
            return null;
        });
    }

    private Watched register(Path directory) {
        Watched w = new Watched(directory);
        for (String sub : List.of("new", "cur")) {
            Path dir = directory.resolve(sub);
            if (!Files.isDirectory(dir)) {
                continue;
            }
            try {
                if (!inotify) {
                    throw new IOException("watching is off");
                }
                WatchKey key = dir.register(watchService, StandardWatchEventKinds.ENTRY_CREATE,
                        StandardWatchEventKinds.ENTRY_DELETE, StandardWatchEventKinds.ENTRY_MODIFY);
                w.keys.add(key);
                byKey.put(key, w);
            } catch (IOException e) {
                // e.g. the inotify watch limit: poll this one instead
                if (warnedAboutWatchLimit.compareAndSet(false, true)) {
                    LOG.warn("cannot watch {} for changes by other processes, polling it instead: {}", dir, e.toString());
                }
                w.polled.put(dir, settled(modified(dir)));
                polledMailboxes.add(w);
            }
        }
        return w;
    }

    @Override
    public void changed(Path mailboxDirectory) {
        Watched w = watched.get(mailboxDirectory.toAbsolutePath().normalize());
        if (w != null) {
            dispatch(w);
        }
    }

    private void dispatch(Watched w) {
        if (w.pending.compareAndSet(false, true)) {
            try {
                dispatcher.execute(() -> {
                    w.pending.set(false);
                    for (Runnable listener : w.listeners) {
                        try {
                            listener.run();
                        } catch (RuntimeException e) {
                            LOG.warn("mailbox listener for {} failed: {}", w.directory, e.toString());
                        }
                    }
                });
            } catch (java.util.concurrent.RejectedExecutionException e) {
                w.pending.set(false);
            }
        }
    }

    private void watchLoop() {
        while (true) {
            WatchKey key;
            try {
                key = watchService.take();
            } catch (InterruptedException | ClosedWatchServiceException e) {
                return;
            }
            key.pollEvents();
            Watched w = byKey.get(key);
            if (w != null) {
                dispatch(w);
            }
            key.reset();
        }
    }

    /** One look at every polled directory; a changed modification time passes the change on. */
    private void pollOnce() {
        for (Watched w : polledMailboxes) {
            boolean changed = false;
            for (Map.Entry<Path, FileTime> dir : w.polled.entrySet()) {
                FileTime now = modified(dir.getKey());
                if (!now.equals(dir.getValue())) {
                    dir.setValue(settled(now));
                    changed = true;
                }
            }
            if (changed) {
                dispatch(w);
            }
        }
    }

    /**
     * A time as it may be recorded: one younger than a second is not, because a second
     * change within the same clock tick would leave it as it is; recording the epoch
     * instead makes the next look report a change once more (a spare refresh, no miss).
     */
    private static FileTime settled(FileTime modified) {
        return System.currentTimeMillis() - modified.toMillis() < 1000 ? FileTime.fromMillis(0) : modified;
    }

    private static FileTime modified(Path dir) {
        try {
            return Files.getLastModifiedTime(dir);
        } catch (IOException gone) {
            return FileTime.fromMillis(0);
        }
    }

    @Override
    public void close() throws IOException {
        watchService.close();
        watcher.interrupt();
        poller.shutdownNow();
        dispatcher.shutdownNow();
    }
}
