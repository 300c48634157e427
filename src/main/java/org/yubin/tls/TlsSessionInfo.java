package org.yubin.tls;

import javax.net.ssl.SSLSession;

/**
 * What a finished handshake agreed on, worded as Postfix logs it and writes it into
 * {@code Received}: {@code TLSv1.3 with cipher TLS_AES_256_GCM_SHA384 (256/256 bits)}.
 */
public record TlsSessionInfo(String protocol, String cipher, int bits) {

    public static TlsSessionInfo of(SSLSession session) {
        return new TlsSessionInfo(session.getProtocol(), session.getCipherSuite(), bits(session.getCipherSuite()));
    }

    /** Symmetric key size of a suite name: AES_256 and CHACHA20 are 256, AES_128 is 128. */
    static int bits(String cipher) {
        if (cipher.contains("AES_256") || cipher.contains("CHACHA20")) {
            return 256;
        }
        if (cipher.contains("AES_128")) {
            return 128;
        }
        return 0;
    }

    @Override
    public String toString() {
        return protocol + " with cipher " + cipher + " (" + bits + "/" + bits + " bits)";
    }
}
