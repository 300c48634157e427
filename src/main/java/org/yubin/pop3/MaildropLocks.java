package org.yubin.pop3;

import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The exclusive-access locks of RFC 1939 4 ("the POP3 server acquires an exclusive-access
 * lock on the maildrop"), one per Maildir, within this JVM: POP3 and POP3S share one
 * instance (bean {@code pop3MaildropLocks}). IMAP sessions and deliveries do not take it.
 * Thread-safe.
 */
public final class MaildropLocks {

    private final Set<Path> held = ConcurrentHashMap.newKeySet();

    /** Takes the lock of {@code maildir}; {@code false} if another session holds it. */
    public boolean tryLock(Path maildir) {
        return held.add(key(maildir));
    }

    public void unlock(Path maildir) {
        held.remove(key(maildir));
    }

    private static Path key(Path maildir) {
        return maildir.toAbsolutePath().normalize();
    }
}
