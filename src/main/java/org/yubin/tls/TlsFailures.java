package org.yubin.tls;

import javax.net.ssl.SSLException;

/** Telling a failed TLS handshake from other connection errors, and saying why in one log line. */
public final class TlsFailures {

    private TlsFailures() {
    }

    /** Whether {@code cause} or one of its causes is an {@link SSLException}. */
    public static boolean isTls(Throwable cause) {
        for (Throwable t = cause; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SSLException) {
                return true;
            }
        }
        return false;
    }

    /** The message of the innermost cause (the alert or reason), or its class when it has none. */
    public static String rootMessage(Throwable cause) {
        Throwable root = cause;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() != null ? root.getMessage() : root.toString();
    }
}
