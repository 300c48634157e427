package org.yubin.delivery.store;

import java.io.IOException;

/** The mailbox to create or rename to exists already (IMAP {@code NO [ALREADYEXISTS]}). */
public class MailboxExistsException extends IOException {

    public MailboxExistsException(String name) {
        super("mailbox exists: " + name);
    }
}
