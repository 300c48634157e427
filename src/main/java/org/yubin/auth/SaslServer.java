package org.yubin.auth;

/**
 * The server side of one SASL exchange (RFC 4422): a small state machine fed with the
 * client's responses, one at a time. A new instance per AUTH/AUTHENTICATE command; not
 * thread-safe. Calls may block on the directory ({@link Credentials}), so protocol code
 * runs them off the I/O threads.
 */
public interface SaslServer {

    /** The mechanism name as advertised, e.g. {@code SCRAM-SHA-256}. */
    String mechanism();

    /**
     * The next step.
     *
     * @param response the client's decoded response; {@code null} for the first step when the
     *                 client sent no initial response (an empty initial response is an empty array)
     * @throws IllegalStateException when called again after success or failure
     * @throws org.yubin.directory.DirectoryUnavailableException when the directory cannot be asked
     */
    SaslStep evaluate(byte[] response);
}
