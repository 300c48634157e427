package org.yubin.tls;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Locale;

/**
 * A private key with its certificate chain (leaf first) and the host names it serves.
 * Immutable.
 *
 * @param hostnames lower-case names without a trailing dot; {@code *.example.com} matches one label
 * @param key       RSA or EC private key
 * @param chain     leaf certificate first, then intermediates
 * @param origin    where it came from, for log lines: a file name or "self-signed"
 */
public record CertifiedKey(List<String> hostnames, PrivateKey key, List<X509Certificate> chain, String origin) {

    public CertifiedKey {
        hostnames = hostnames.stream().map(CertifiedKey::normalize).toList();
        chain = List.copyOf(chain);
        if (chain.isEmpty()) {
            throw new IllegalArgumentException("a certificate chain needs at least one certificate");
        }
    }

    /** {@code RSA} or {@code EC}: the JSSE key type this key can serve. */
    public String keyType() {
        return key.getAlgorithm();
    }

    public X509Certificate leaf() {
        return chain.get(0);
    }

    /** A host name as compared: lower case, no trailing dot. */
    static String normalize(String name) {
        String lower = name.strip().toLowerCase(Locale.ROOT);
        return lower.endsWith(".") ? lower.substring(0, lower.length() - 1) : lower;
    }
}
