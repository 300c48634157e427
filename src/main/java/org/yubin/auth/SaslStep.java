package org.yubin.auth;

import org.yubin.directory.MailUser;

/**
 * What a {@link SaslServer} answers to one client response: another challenge, success
 * (with the server's final data for mechanisms that have it, e.g. SCRAM's {@code v=}), or
 * failure. Data is raw bytes; the protocol side base64-encodes it.
 */
public sealed interface SaslStep {

    /** The server needs another response; {@code data} may be empty. */
    record Challenge(byte[] data) implements SaslStep { }

    /**
     * The client proved its identity.
     *
     * @param finalData the server's last message (RFC 4422 3.6 "additional data"), {@code null} if none
     */
    record Success(MailUser user, byte[] finalData) implements SaslStep { }

    /**
     * The exchange failed.
     *
     * @param reason   short text for the client and the log, never a password
     * @param username the identity the client claimed, {@code null} if it did not get that far
     */
    record Failure(String reason, String username) implements SaslStep { }
}
