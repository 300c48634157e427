package org.yubin.delivery.store;

import java.io.IOException;

import org.yubin.directory.MailUser;

/**
 * The users' mail as IMAP and POP3 see it: each user's Maildir++ tree in
 * {@code <home>/Maildir}, kept compatible with Dovecot ({@code dovecot-uidlist},
 * {@code dovecot-keywords}, {@code subscriptions}, flags in file names) so that Dovecot
 * and yubin can serve the same Maildir in turn, and the delivery code writes into it.
 * Bean {@code mailStore}. Thread-safe.
 */
public interface MailStore {

    /** The mail of {@code user}; nothing is created on disk until it is written. */
    UserStore open(MailUser user) throws IOException;

    /** Change notification between deliveries and sessions (IDLE, NOOP). */
    MailboxEvents events();
}
