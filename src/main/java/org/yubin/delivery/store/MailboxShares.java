package org.yubin.delivery.store;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link SharedMailboxState} of each mailbox directory with open mailboxes, counted:
 * {@link #acquire} when a {@link MaildirMailbox} opens, {@link #release} when it closes;
 * the state (and its change watch) goes with the last. One per {@link MaildirMailStore},
 * whose {@link MailboxEvents} it is: an announced change marks the directory's state at
 * once, before the listeners hear of it on the events thread, so that no session in this
 * JVM takes a snapshot from before the change for current. Thread-safe.
 */
final class MailboxShares implements MailboxEvents {

    private static final Logger LOG = LoggerFactory.getLogger(MailboxShares.class);

    private final MailboxEvents events;
    private final Map<Path, SharedMailboxState> states = new HashMap<>();

    MailboxShares(MailboxEvents events) {
        this.events = events;
    }

    @Override
    public AutoCloseable watch(Path mailboxDirectory, Runnable listener) {
        return events.watch(mailboxDirectory, listener);
    }

    @Override
    public void changed(Path mailboxDirectory) {
        SharedMailboxState state;
        synchronized (this) {
            state = states.get(mailboxDirectory.toAbsolutePath().normalize());
        }
        if (state != null) {
            state.generation.incrementAndGet();
        }
        events.changed(mailboxDirectory);
    }

    synchronized SharedMailboxState acquire(Path mailboxDirectory) {
        Path directory = mailboxDirectory.toAbsolutePath().normalize();
        SharedMailboxState state = states.get(directory);
        if (state == null) {
            state = new SharedMailboxState(directory);
            SharedMailboxState counted = state;
            state.watch = events.watch(directory, counted.generation::incrementAndGet);
            states.put(directory, state);
        }
        state.users++;
        return state;
    }

    synchronized void release(SharedMailboxState state) {
        if (--state.users > 0 || states.get(state.directory) != state) {
            return;
        }
        states.remove(state.directory);
        try {
            state.watch.close();
        } catch (Exception e) {
            LOG.warn("closing the change watch of {} failed: {}", state.directory, e.toString());
        }
    }

    /** How many directories have open mailboxes (tests, monitoring). */
    synchronized int size() {
        return states.size();
    }
}
