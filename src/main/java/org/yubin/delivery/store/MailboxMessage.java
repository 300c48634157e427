package org.yubin.delivery.store;

import java.time.Instant;

/**
 * One message of a {@link Mailbox} as last seen: its UID, Maildir base name (the file
 * name without {@code :2,} info), sizes, flags, internal date (the file's modification
 * time, as Dovecot uses it) and CONDSTORE modification sequence. Immutable: a change
 * gives a new instance.
 *
 * @param size the size of the file (LF line ends)
 * @param virtualSize the size as IMAP and POP3 serve it, with CRLF line ends (RFC822.SIZE)
 */
public record MailboxMessage(long uid, String baseName, long size, long virtualSize, MessageFlags flags,
                            Instant internalDate, long modSeq) {
}
