package org.yubin.delivery.store;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link SharedMailboxState} of each mailbox directory with open mailboxes, counted:
 * {@link #acquire} when a {@link MaildirMailbox} opens, {@link #release} when it closes.
 * After the last closes, the state (and its change watch) lingers for
 * {@value #LINGER_MILLIS} ms, at most {@value #MAX_LINGERING} of them, so that a client
 * that logs in again (a phone, mbsync every few minutes) finds its mailbox listed
 * already; then it goes. One per {@link MaildirMailStore},
 * whose {@link MailboxEvents} it is: an announced change marks the directory's state at
 * once, before the listeners hear of it on the events thread, so that no session in this
 * JVM takes a snapshot from before the change for current. Thread-safe.
 */
final class MailboxShares implements MailboxEvents {

    private static final Logger LOG = LoggerFactory.getLogger(MailboxShares.class);

    /** How long an unused state is kept. */
    static final long LINGER_MILLIS = 60_000;
    /** How many unused states are kept at most (each holds its mailbox's records). */
    static final int MAX_LINGERING = 64;

    private final MailboxEvents events;
    private final Map<Path, SharedMailboxState> states = new HashMap<>();
    /** The unused states, least recently released first. */
    private final Map<Path, Long> lingering = new java.util.LinkedHashMap<>();

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
        boolean lingered = lingering.remove(directory) != null;
        expire();
        SharedMailboxState state = states.get(directory);
        if (state != null && lingered) {
            // watched anew: the directory may have been deleted and made again meanwhile,
            // which leaves the old watch blind to other processes
            drop(state);
            state.watch = events.watch(directory, state.generation::incrementAndGet);
        }
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
        lingering.put(state.directory, System.currentTimeMillis());
        expire();
    }

    /** Drops the unused states that lingered long enough, and the oldest beyond {@value #MAX_LINGERING}. */
    private void expire() {
        long now = System.currentTimeMillis();
        var oldest = lingering.entrySet().iterator();
        while (oldest.hasNext()) {
            var entry = oldest.next();
            if (lingering.size() <= MAX_LINGERING && now - entry.getValue() < LINGER_MILLIS) {
                break;
            }
            oldest.remove();
            drop(states.remove(entry.getKey()));
        }
    }

    private void drop(SharedMailboxState state) {
        try {
            state.watch.close();
        } catch (Exception e) {
            LOG.warn("closing the change watch of {} failed: {}", state.directory, e.toString());
        }
    }

    /** How many directories have open mailboxes (tests, monitoring). */
    synchronized int inUse() {
        return states.size() - lingering.size();
    }

    /** How many directories have a state, in use or lingering (tests, monitoring). */
    synchronized int size() {
        return states.size();
    }
}
