package org.yubin.delivery.remote;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import org.yubin.delivery.TemporaryDeliveryException;

/**
 * Connection reuse and the per-destination concurrency limit of outbound SMTP.
 *
 * <p>A destination is what the mail is routed to: the recipient's domain, or the
 * relayhost. At most {@code destinationLimit} deliveries to one destination run at a time
 * ({@link #acquire}); a delivery that cannot get a slot within the wait time is deferred.
 * After a delivery its connection may be {@linkplain #park parked} and is handed to the next
 * delivery to the same destination within {@code reuseTime} (RSET first); parked connections
 * are closed with QUIT when they expire or on {@link #close}. The overall limit is the
 * number of consumers of the outbound queue.
 *
 * <p>Thread-safe.
 */
final class OutboundConnectionPool implements AutoCloseable {

    private final int destinationLimit;
    private final long reuseNanos;
    private final long waitMillis;
    private final Map<String, Integer> active = new HashMap<>();
    private final Map<String, Deque<Idle>> idle = new HashMap<>();
    private final ScheduledThreadPoolExecutor scheduler;

    private record Idle(SmtpClientConnection connection, long expiresAt) { }

    /** A slot of a destination, returned with {@link #release}. */
    record Slot(String destination) { }

    OutboundConnectionPool(int destinationLimit, Duration reuseTime, Duration slotWait) {
        this.destinationLimit = Math.max(1, destinationLimit);
        this.reuseNanos = reuseTime.toNanos();
        this.waitMillis = slotWait.toMillis();
        this.scheduler = (ScheduledThreadPoolExecutor) Executors.newScheduledThreadPool(1, runnable -> {
            Thread thread = new Thread(runnable, "outbound-watchdog");
            thread.setDaemon(true);
            return thread;
        });
        scheduler.setRemoveOnCancelPolicy(true);
        long period = Math.max(200, reuseTime.toMillis() / 2);
        scheduler.scheduleWithFixedDelay(this::closeExpired, period, period, TimeUnit.MILLISECONDS);
    }

    /** Runs timeouts of the connections (write watchdog) and the expiry of parked ones. */
    ScheduledExecutorService scheduler() {
        return scheduler;
    }

    /**
     * Waits for a free slot of {@code destination}.
     *
     * @throws TemporaryDeliveryException no slot within the wait time, or interrupted
     */
    synchronized Slot acquire(String destination) throws TemporaryDeliveryException {
        long deadline = System.currentTimeMillis() + waitMillis;
        while (active.getOrDefault(destination, 0) >= destinationLimit) {
            long left = deadline - System.currentTimeMillis();
            if (left <= 0) {
                throw new TemporaryDeliveryException("4.4.5", "destination concurrency limit (" + destinationLimit
                        + ") reached for " + destination, null);
            }
            try {
                wait(left);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new TemporaryDeliveryException("4.3.0", "interrupted while waiting for " + destination, e);
            }
        }
        active.merge(destination, 1, Integer::sum);
        return new Slot(destination);
    }

    synchronized void release(Slot slot) {
        active.computeIfPresent(slot.destination(), (key, count) -> count <= 1 ? null : count - 1);
        notifyAll();
    }

    /** A parked connection of {@code destination} that answered RSET, or null. */
    SmtpClientConnection take(String destination) {
        while (true) {
            Idle candidate;
            synchronized (this) {
                Deque<Idle> queue = idle.get(destination);
                candidate = queue == null ? null : queue.pollFirst();
                if (queue != null && queue.isEmpty()) {
                    idle.remove(destination);
                }
            }
            if (candidate == null) {
                return null;
            }
            if (candidate.expiresAt() - System.nanoTime() > 0 && candidate.connection().reset()) {
                return candidate.connection();
            }
            candidate.connection().close();
        }
    }

    /** Keeps {@code connection} for the next delivery to {@code destination}, or closes it when reuse is off. */
    void park(String destination, SmtpClientConnection connection) {
        if (reuseNanos <= 0 || scheduler.isShutdown()) {
            connection.quit();
            return;
        }
        synchronized (this) {
            Deque<Idle> queue = idle.computeIfAbsent(destination, d -> new ArrayDeque<>());
            if (queue.size() < destinationLimit) {
                queue.addFirst(new Idle(connection, System.nanoTime() + reuseNanos));
                return;
            }
        }
        connection.quit();
    }

    private void closeExpired() {
        Deque<SmtpClientConnection> expired = new ArrayDeque<>();
        long now = System.nanoTime();
        synchronized (this) {
            for (Iterator<Deque<Idle>> queues = idle.values().iterator(); queues.hasNext(); ) {
                Deque<Idle> queue = queues.next();
                queue.removeIf(entry -> {
                    boolean old = entry.expiresAt() - now <= 0;
                    if (old) {
                        expired.add(entry.connection());
                    }
                    return old;
                });
                if (queue.isEmpty()) {
                    queues.remove();
                }
            }
        }
        expired.forEach(SmtpClientConnection::quit);
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
        Deque<SmtpClientConnection> all = new ArrayDeque<>();
        synchronized (this) {
            idle.values().forEach(queue -> queue.forEach(entry -> all.add(entry.connection())));
            idle.clear();
        }
        all.forEach(SmtpClientConnection::quit);
    }
}
