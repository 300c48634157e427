package org.yubin.imap;

/**
 * Ends a command with a tagged {@code NO} or {@code BAD}: the text (with its response
 * code) goes to the client as it is. An ordinary refusal; never logged with a stack trace.
 */
public final class ImapCommandException extends Exception {

    private final boolean bad;

    private ImapCommandException(boolean bad, String text) {
        super(text, null, false, false);
        this.bad = bad;
    }

    /** A protocol error: {@code BAD}. */
    public static ImapCommandException bad(String text) {
        return new ImapCommandException(true, text);
    }

    /** A refusal of a valid command: {@code NO}, e.g. {@code [NONEXISTENT] No such mailbox}. */
    public static ImapCommandException no(String text) {
        return new ImapCommandException(false, text);
    }

    public boolean isBad() {
        return bad;
    }
}
