package org.yubin.delivery.store;

import java.nio.file.Path;

/**
 * Tells sessions that a mailbox directory changed: yubin's own deliveries and sessions
 * announce their changes at once, changes by other processes (Dovecot, a second node)
 * are noticed by watching the directories. A listener must return quickly; it runs on a
 * shared thread.
 */
public interface MailboxEvents {

    /** Calls {@code listener} after each change of the mailbox in {@code mailboxDirectory}, until closed. */
    AutoCloseable watch(Path mailboxDirectory, Runnable listener);

    /** Announces a change of the mailbox in {@code mailboxDirectory} made by this JVM. */
    void changed(Path mailboxDirectory);
}
