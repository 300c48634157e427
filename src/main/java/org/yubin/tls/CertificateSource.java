package org.yubin.tls;

import java.nio.file.Path;
import java.util.List;

/**
 * One entry of {@code yubin.tls.certificates}: the host names a PEM chain and key serve,
 * like a line of Postfix's {@code tls_server_sni_maps}.
 */
public record CertificateSource(List<String> hostnames, Path cert, Path key) {

    public CertificateSource {
        hostnames = List.copyOf(hostnames);
        if (hostnames.isEmpty() || cert == null || key == null) {
            throw new IllegalArgumentException("a TLS certificate needs hostnames, cert and key: " + hostnames);
        }
    }

    public CertifiedKey load() {
        return PemKeyMaterial.load(hostnames, cert, key);
    }
}
