package org.yubin.delivery.store;

import java.io.IOException;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;
import org.yubin.config.YubinProperties;
import org.yubin.delivery.MaildirWriter;
import org.yubin.directory.MailUser;

/**
 * The {@link MailStore} on Dovecot-compatible Maildir++ trees ({@link MaildirUserStore},
 * {@link MaildirMailbox}), with {@link DirectoryMailboxEvents} for change notification.
 * Open mailboxes of one directory share their message metadata ({@link MailboxShares}).
 * Bean {@code mailStore}; thread-safe; its watch threads stop when the context closes.
 */
@Component("mailStore")
public class MaildirMailStore implements MailStore, AutoCloseable {

    private final String host;
    private final DirectoryMailboxEvents events;
    private final MailboxShares shares;

    @Autowired
    public MaildirMailStore(YubinProperties properties) throws IOException {
        this(properties.effectiveHostname());
    }

    /** @param hostname written into the names of appended and copied files, as Dovecot does */
    public MaildirMailStore(String hostname) throws IOException {
        this.host = MaildirWriter.encodeHostname(hostname);
        this.events = new DirectoryMailboxEvents();
        this.shares = new MailboxShares(events);
    }

    @Override
    public UserStore open(MailUser user) {
        return new MaildirUserStore(user, host, shares);
    }

    @Override
    public MailboxEvents events() {
        return shares;
    }

    @Override
    public void close() throws IOException {
        events.close();
    }
}
