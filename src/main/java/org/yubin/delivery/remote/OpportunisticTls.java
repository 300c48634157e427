package org.yubin.delivery.remote;

import java.io.IOException;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.util.Arrays;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * TLS as Postfix's {@code smtp_tls_security_level = may}: encryption when the server
 * offers STARTTLS, without checking its certificate (an unauthenticated MX could only be
 * refused at the price of losing mail; RFC 7435), but never below TLS 1.2.
 */
final class OpportunisticTls {

    private static final String[] PROTOCOLS = {"TLSv1.3", "TLSv1.2"};
    private static final SSLContext CONTEXT = context();

    private OpportunisticTls() {
    }

    /** Layers TLS over {@code plain}; {@code sniName} may be null (for an IP address). */
    static SSLSocket wrap(Socket plain, String sniName, int port) throws IOException {
        SSLSocket ssl = (SSLSocket) CONTEXT.getSocketFactory().createSocket(
                plain, sniName != null ? sniName : plain.getInetAddress().getHostAddress(), port, true);
        String[] supported = ssl.getSupportedProtocols();
        ssl.setEnabledProtocols(Arrays.stream(PROTOCOLS).filter(p -> Arrays.asList(supported).contains(p)).toArray(String[]::new));
        ssl.setUseClientMode(true);
        return ssl;
    }

    private static SSLContext context() {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {new AcceptAnyCertificate()}, new SecureRandom());
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("no TLS implementation", e);
        }
    }

    /** Opportunistic encryption: any certificate is accepted, on purpose (see the class doc). */
    private static final class AcceptAnyCertificate implements X509TrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
            // a client trust manager is never asked here
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
            // accepted without verification: level "may"
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
