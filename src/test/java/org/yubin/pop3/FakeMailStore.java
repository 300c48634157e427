package org.yubin.pop3;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.yubin.delivery.store.MailStore;
import org.yubin.delivery.store.Mailbox;
import org.yubin.delivery.store.MailboxEvents;
import org.yubin.delivery.store.MailboxInfo;
import org.yubin.delivery.store.NoSuchMailboxException;
import org.yubin.delivery.store.QuotaUsage;
import org.yubin.delivery.store.UserStore;
import org.yubin.directory.MailUser;

/** A {@link MailStore} whose users each have one {@link InMemoryMailbox} as INBOX. */
final class FakeMailStore implements MailStore {

    final Map<String, InMemoryMailbox> inboxes = new HashMap<>();

    InMemoryMailbox inbox(String login) {
        return inboxes.computeIfAbsent(login, l -> new InMemoryMailbox(0x5f5e1234L));
    }

    @Override
    public UserStore open(MailUser user) {
        return new UserStore() {
            @Override
            public Mailbox open(String name, boolean readOnly) throws NoSuchMailboxException {
                if (!name.equalsIgnoreCase("INBOX")) {
                    throw new NoSuchMailboxException(name);
                }
                return inbox(user.login()).opened();
            }

            @Override
            public List<MailboxInfo> list() {
                throw new UnsupportedOperationException();
            }

            @Override
            public boolean exists(String name) {
                return name.equalsIgnoreCase("INBOX");
            }

            @Override
            public void create(String name) {
                throw new UnsupportedOperationException();
            }

            @Override
            public void delete(String name) {
                throw new UnsupportedOperationException();
            }

            @Override
            public void rename(String from, String to) {
                throw new UnsupportedOperationException();
            }

            @Override
            public Set<String> subscriptions() {
                throw new UnsupportedOperationException();
            }

            @Override
            public void subscribe(String name) {
                throw new UnsupportedOperationException();
            }

            @Override
            public void unsubscribe(String name) {
                throw new UnsupportedOperationException();
            }

            @Override
            public QuotaUsage usage() {
                throw new UnsupportedOperationException();
            }

            @Override
            public long quotaLimitBytes() {
                return 0;
            }
        };
    }

    @Override
    public MailboxEvents events() {
        return new MailboxEvents() {
            @Override
            public AutoCloseable watch(Path mailboxDirectory, Runnable listener) {
                return () -> { };
            }

            @Override
            public void changed(Path mailboxDirectory) {
            }
        };
    }
}
