package org.yubin.tls;

import java.net.Socket;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;

import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SNIServerName;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.StandardConstants;
import javax.net.ssl.X509ExtendedKeyManager;

/**
 * The server side of JSSE's certificate choice: the name the client sent with SNI
 * ({@link ExtendedSSLSession#getRequestedServerNames()}) picks the certificate from the
 * {@link SniCertificateStore}; JSSE asks once per key type it can use (RSA, EC) and
 * gets an alias only when the chosen certificate has that type. Server only: the client
 * methods choose nothing. Thread-safe.
 */
public final class SniKeyManager extends X509ExtendedKeyManager {

    private final SniCertificateStore store;

    public SniKeyManager(SniCertificateStore store) {
        this.store = store;
    }

    @Override
    public String chooseEngineServerAlias(String keyType, Principal[] issuers, SSLEngine engine) {
        return choose(keyType, engine == null ? null : engine.getHandshakeSession());
    }

    @Override
    public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
        return choose(keyType, socket instanceof SSLSocket ssl ? ssl.getHandshakeSession() : null);
    }

    private String choose(String keyType, SSLSession handshake) {
        SniCertificateStore.Snapshot snapshot = store.snapshot();
        CertifiedKey key = snapshot.select(requestedHostName(handshake));
        return key.keyType().equalsIgnoreCase(keyType) ? snapshot.alias(key) : null;
    }

    /** The host name of the SNI extension, or {@code null} when the client sent none. */
    static String requestedHostName(SSLSession handshake) {
        if (handshake instanceof ExtendedSSLSession extended) {
            for (SNIServerName name : extended.getRequestedServerNames()) {
                if (name.getType() == StandardConstants.SNI_HOST_NAME && name instanceof SNIHostName host) {
                    return host.getAsciiName();
                }
            }
        }
        return null;
    }

    @Override
    public String[] getServerAliases(String keyType, Principal[] issuers) {
        SniCertificateStore.Snapshot snapshot = store.snapshot();
        return snapshot.keys().stream().filter(key -> key.keyType().equalsIgnoreCase(keyType))
                .map(snapshot::alias).toArray(String[]::new);
    }

    @Override
    public X509Certificate[] getCertificateChain(String alias) {
        CertifiedKey key = store.byAlias(alias);
        return key == null ? null : key.chain().toArray(X509Certificate[]::new);
    }

    @Override
    public PrivateKey getPrivateKey(String alias) {
        CertifiedKey key = store.byAlias(alias);
        return key == null ? null : key.key();
    }

    @Override
    public String[] getClientAliases(String keyType, Principal[] issuers) {
        return null;
    }

    @Override
    public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
        return null;
    }

    @Override
    public String chooseEngineClientAlias(String[] keyType, Principal[] issuers, SSLEngine engine) {
        return null;
    }
}
