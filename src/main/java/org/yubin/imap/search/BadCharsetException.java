package org.yubin.imap.search;

/**
 * SEARCH named a charset this server does not search in; the session answers
 * {@code <tag> NO [BADCHARSET (UTF-8 US-ASCII)] ...} ({@link #RESPONSE_CODE}).
 */
public class BadCharsetException extends Exception {

    public static final String RESPONSE_CODE = "[BADCHARSET (UTF-8 US-ASCII)]";

    public BadCharsetException(String charset) {
        super("Unsupported charset " + charset, null, false, false);
    }
}
