package org.yubin.admin;

import org.yubin.config.YubinProperties;

import com.unboundid.ldap.sdk.LDAPInterface;

/**
 * One administrative change to the directory: LDAP operations on {@link #ldap()},
 * then {@link #commit()}. The embedded directory is edited as a copy of its LDIF file
 * ({@link LdifFileSession}), an external one directly ({@link RemoteLdapSession}).
 */
public interface DirectorySession extends AutoCloseable {

    LDAPInterface ldap();

    /** Makes the operations durable (a no-op where they already are). */
    void commit() throws CliException;

    @Override
    void close();

    /** The session for the configured directory: external when {@code yubin.directory.url} is set. */
    static DirectorySession open(YubinProperties properties, String where) throws CliException {
        String url = properties.getDirectory().getUrl();
        return url == null || url.isBlank()
                ? LdifFileSession.open(properties.getDirectory().getLdif(), where)
                : RemoteLdapSession.open(properties.getDirectory(), where);
    }
}
