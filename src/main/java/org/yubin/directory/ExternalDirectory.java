package org.yubin.directory;

import javax.net.SocketFactory;
import javax.net.ssl.SSLSocketFactory;

import org.yubin.config.YubinProperties;

import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPConnectionOptions;
import com.unboundid.ldap.sdk.LDAPConnectionPool;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.LDAPURL;
import com.unboundid.ldap.sdk.SimpleBindRequest;
import com.unboundid.ldap.sdk.SingleServerSet;
import com.unboundid.util.ssl.HostNameSSLSocketVerifier;

/**
 * Connections to the external LDAP server of {@code yubin.directory.url}
 * ({@code ldap://host:389} or {@code ldaps://host:636}, verified against Java's trust
 * store), bound as {@code bind-dn}/{@code bind-password} when set, anonymous otherwise.
 */
public final class ExternalDirectory {

    private static final int CONNECT_TIMEOUT_MILLIS = 5000;
    private static final long RESPONSE_TIMEOUT_MILLIS = 10_000;

    private ExternalDirectory() {
    }

    /**
     * A pool of up to {@code size} connections; broken connections are replaced, and a
     * server that is down at start only makes the first operations fail.
     */
    public static LDAPConnectionPool pool(YubinProperties.Directory settings, int size) throws LDAPException {
        SingleServerSet servers = new SingleServerSet(host(settings), port(settings), socketFactory(settings),
                options());
        SimpleBindRequest bind = settings.getBindDn() == null || settings.getBindDn().isBlank()
                ? null
                : new SimpleBindRequest(settings.getBindDn(), nullToEmpty(settings.getBindPassword()));
        // Not fatal when the server is down: yubin starts, answers 4xx and reports health DOWN.
        LDAPConnectionPool pool = new LDAPConnectionPool(servers, bind, 1, size, null, false);
        pool.setConnectionPoolName("yubin-directory");
        pool.setRetryFailedOperationsDueToInvalidConnections(true);
        return pool;
    }

    /** One connection, bound as {@code bind-dn}: for the admin command line. */
    public static LDAPConnection connect(YubinProperties.Directory settings) throws LDAPException {
        LDAPConnection connection = new LDAPConnection(socketFactory(settings), options(), host(settings),
                port(settings));
        try {
            if (settings.getBindDn() != null && !settings.getBindDn().isBlank()) {
                connection.bind(settings.getBindDn(), nullToEmpty(settings.getBindPassword()));
            }
            return connection;
        } catch (LDAPException e) {
            connection.close();
            throw e;
        }
    }

    private static LDAPConnectionOptions options() {
        LDAPConnectionOptions options = new LDAPConnectionOptions();
        options.setConnectTimeoutMillis(CONNECT_TIMEOUT_MILLIS);
        options.setResponseTimeoutMillis(RESPONSE_TIMEOUT_MILLIS);
        options.setSSLSocketVerifier(new HostNameSSLSocketVerifier(false));
        return options;
    }

    private static String host(YubinProperties.Directory settings) throws LDAPException {
        return new LDAPURL(settings.getUrl()).getHost();
    }

    private static int port(YubinProperties.Directory settings) throws LDAPException {
        return new LDAPURL(settings.getUrl()).getPort();
    }

    private static SocketFactory socketFactory(YubinProperties.Directory settings) throws LDAPException {
        LDAPURL url = new LDAPURL(settings.getUrl());
        if (!"ldaps".equalsIgnoreCase(url.getScheme())) {
            return SocketFactory.getDefault();
        }
        return SSLSocketFactory.getDefault();
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}
