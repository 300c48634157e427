package org.yubin.delivery.store;

import java.io.IOException;

/** The named mailbox does not exist (IMAP {@code NO [NONEXISTENT]}, RFC 5530). */
public class NoSuchMailboxException extends IOException {

    public NoSuchMailboxException(String name) {
        super("no such mailbox: " + name);
    }
}
