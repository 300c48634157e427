package org.yubin.imap;

import org.yubin.auth.Authenticator;
import org.yubin.delivery.store.MailStore;

/** What every IMAP session of the server shares: the store, logins, and the per-user session count. */
public record ImapServices(MailStore mailStore, Authenticator authenticator, ImapUserSessions userSessions) {
}
