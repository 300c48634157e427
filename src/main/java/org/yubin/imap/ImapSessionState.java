package org.yubin.imap;

/**
 * The states of an IMAP session (RFC 3501 section 3); each command names the states
 * it is valid in, and a command in another state gets {@code BAD}.
 */
public enum ImapSessionState {
    /** RFC 3501 3.1: after the OK greeting, before LOGIN or AUTHENTICATE. */
    NOT_AUTHENTICATED,
    /** RFC 3501 3.2: logged in, no mailbox selected. */
    AUTHENTICATED,
    /** RFC 3501 3.3: a mailbox is selected (SELECT or EXAMINE). */
    SELECTED,
    /** RFC 3501 3.4: LOGOUT, BYE sent, the connection closes; nothing more is read. */
    LOGOUT
}
