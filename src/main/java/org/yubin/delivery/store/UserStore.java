package org.yubin.delivery.store;

import java.io.IOException;
import java.util.List;
import java.util.Set;

/**
 * One user's Maildir++ tree. Mailbox names are Unicode strings with {@code .} as the
 * hierarchy separator ({@code Lists.yubin}, {@code Entwürfe}); {@code INBOX} (any case)
 * is the Maildir itself. Every name is checked by {@link org.yubin.delivery.MaildirFolderName}:
 * a name that could leave the Maildir throws {@link IllegalArgumentException} and
 * creates nothing. Used by one session at a time, but other sessions and deliveries
 * change the same files concurrently.
 */
public interface UserStore {

    /** Every mailbox, INBOX first, then the folders in name order. */
    List<MailboxInfo> list() throws IOException;

    boolean exists(String name) throws IOException;

    /** Creates the mailbox (and missing parents, as Maildir++ needs none); {@link MailboxExistsException} if it exists. */
    void create(String name) throws IOException;

    /** Deletes a folder and its messages; INBOX cannot be deleted ({@link IllegalArgumentException}). */
    void delete(String name) throws IOException;

    /**
     * Renames a folder and its children; renaming INBOX moves its messages into a new
     * folder and leaves INBOX empty (RFC 3501 6.3.5).
     */
    void rename(String from, String to) throws IOException;

    /** The {@code subscriptions} file's names. */
    Set<String> subscriptions() throws IOException;

    void subscribe(String name) throws IOException;

    void unsubscribe(String name) throws IOException;

    /**
     * Opens the mailbox; {@code readOnly} (EXAMINE, POP3 never) leaves {@code new/} as it is,
     * otherwise messages found in {@code new/} move to {@code cur/} and are recent for this opener.
     *
     * @throws NoSuchMailboxException if it does not exist
     */
    Mailbox open(String name, boolean readOnly) throws IOException;

    /** Bytes (sum of the messages' sizes) and messages in all mailboxes, for QUOTA. */
    QuotaUsage usage() throws IOException;

    /** The user's storage limit in bytes from the directory; 0 means none. */
    long quotaLimitBytes();
}
