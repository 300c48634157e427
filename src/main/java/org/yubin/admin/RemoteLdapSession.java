package org.yubin.admin;

import org.yubin.config.YubinProperties;
import org.yubin.directory.ExternalDirectory;

import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.LDAPInterface;

/** Edits the external LDAP server directly, bound as {@code yubin.directory.bind-dn}. */
final class RemoteLdapSession implements DirectorySession {

    private final LDAPConnection connection;

    private RemoteLdapSession(LDAPConnection connection) {
        this.connection = connection;
    }

    static RemoteLdapSession open(YubinProperties.Directory settings, String where) throws CliException {
        try {
            return new RemoteLdapSession(ExternalDirectory.connect(settings));
        } catch (LDAPException e) {
            throw new CliException(where, "cannot reach " + settings.getUrl() + ": " + e.getDiagnosticMessage());
        }
    }

    @Override
    public LDAPInterface ldap() {
        return connection;
    }

    @Override
    public void commit() {
        // every operation was already applied by the server
    }

    @Override
    public void close() {
        connection.close();
    }
}
