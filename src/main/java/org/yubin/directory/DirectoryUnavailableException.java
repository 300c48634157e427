package org.yubin.directory;

/**
 * The directory could not be asked (server down, timeout, ambiguous entries). Not the
 * same as "no such user": callers answer with a temporary failure (451 4.3.0, IMAP NO
 * [UNAVAILABLE]) rather than a refusal.
 */
public class DirectoryUnavailableException extends RuntimeException {

    public DirectoryUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }

    public DirectoryUnavailableException(String message) {
        super(message);
    }
}
