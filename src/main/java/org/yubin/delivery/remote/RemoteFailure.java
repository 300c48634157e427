package org.yubin.delivery.remote;

/**
 * What a failed delivery attempt learnt from the remote side, for the log line and the
 * DSN ({@code Remote-MTA}, {@code Diagnostic-Code: smtp; ...}).
 */
interface RemoteFailure {

    /** {@code host[ip]:port} of the server that answered, or null when none did. */
    String relay();

    /** The server's host name, or null. */
    String remoteMta();

    /** The server's reply ({@code 550 5.1.1 ...}), or null when the failure was not a reply. */
    String smtpReply();
}
