package org.yubin.pop3;

/**
 * The states of a POP3 session (RFC 1939 3). Each command names the states it is allowed
 * in; elsewhere it gets {@code -ERR}.
 */
public enum Pop3SessionState {
    /**
     * RFC 1939 4: after the greeting, until the client has identified itself (USER/PASS,
     * APOP, AUTH of RFC 5034) and the maildrop is locked. CAPA, STLS and QUIT work here.
     */
    AUTHORIZATION,
    /**
     * RFC 1939 5: the maildrop is open and locked; STAT, LIST, RETR, DELE, NOOP, RSET,
     * TOP, UIDL, CAPA and QUIT. Messages are numbered 1..n as of the login and keep their
     * numbers until the session ends.
     */
    TRANSACTION,
    /**
     * RFC 1939 6: QUIT in TRANSACTION was received; deleted messages are removed, the lock
     * released and the connection closed. Terminal: further input is dropped.
     */
    UPDATE
}
