package org.yubin.imap;

import org.yubin.auth.Authenticator;
import org.yubin.delivery.store.MailStore;
import org.yubin.listener.ConnectionCounter;

/** What every IMAP session of the server shares: the store, logins, and the per-user session count. */
public record ImapServices(MailStore mailStore, Authenticator authenticator, ConnectionCounter<String> userSessions) {
}
