package org.yubin.imap.codec;

/**
 * A command's arguments do not follow the grammar; the session answers {@code <tag> BAD <message>}
 * and the connection stays usable.
 */
public class ImapSyntaxException extends Exception {

    public ImapSyntaxException(String message) {
        super(message, null, false, false);
    }
}
