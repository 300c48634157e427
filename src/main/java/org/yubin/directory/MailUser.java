package org.yubin.directory;

import java.nio.file.Path;
import java.util.List;

/**
 * One mailbox user as the directory describes it (the seed's dovecot-ldap.conf
 * attributes): login ({@code cn}), home ({@code homeDirectory}), uid/gid, the
 * addresses that reach the mailbox ({@code mail}, extra addresses), and the storage
 * limit ({@code mailQuota}, bytes; 0 for none).
 */
public record MailUser(String login, String dn, Path home, int uid, int gid, List<String> addresses, long quotaBytes) {

    /** A user without storage limit. */
    public MailUser(String login, String dn, Path home, int uid, int gid, List<String> addresses) {
        this(login, dn, home, uid, gid, addresses, 0);
    }

    /** Where delivery writes and IMAP/POP3 read: {@code <home>/Maildir}. */
    public Path maildir() {
        return home.resolve("Maildir");
    }
}
