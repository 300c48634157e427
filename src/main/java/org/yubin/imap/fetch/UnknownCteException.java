package org.yubin.imap.fetch;

/**
 * BINARY asked for a part whose Content-Transfer-Encoding this server cannot undo; the
 * session answers {@code NO [UNKNOWN-CTE]} (RFC 3516 section 4.3) and sends nothing for the message.
 */
public class UnknownCteException extends RuntimeException {

    public UnknownCteException(String part) {
        super("Unknown Content-Transfer-Encoding in part " + part, null, false, false);
    }
}
