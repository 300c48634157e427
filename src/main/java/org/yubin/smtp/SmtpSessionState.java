package org.yubin.smtp;

/**
 * Where an SMTP session stands (RFC 5321 section 3 and 4.1.4, RFC 3030 for BDAT).
 */
public enum SmtpSessionState {
    /** Greeting sent, no HELO/EHLO yet (RFC 5321 3.1, 4.1.4: MAIL needs a greeting first). */
    CONNECTED,
    /** After HELO/EHLO or RSET, outside a mail transaction (RFC 5321 3.2, 4.1.1.5). */
    READY,
    /** MAIL accepted, no recipient yet (RFC 5321 3.3, 4.1.1.2). */
    MAIL,
    /** Inside an AUTH exchange: the next line is the client's response to a 334 challenge (RFC 4954 4). */
    AUTH,
    /** At least one RCPT accepted: DATA or BDAT may follow (RFC 5321 4.1.1.3). */
    RCPT,
    /** Reading DATA content up to {@code <CRLF>.<CRLF>} (RFC 5321 4.1.1.4, 4.5.2). */
    DATA,
    /** Between BDAT chunks: only BDAT, RSET, NOOP, QUIT, HELP, EHLO/HELO are allowed (RFC 3030 2, 4). */
    BDAT,
    /** The message is with the queue; the reply to the end of data is pending (RFC 5321 4.1.1.4, 4.2.5). */
    QUEUEING,
    /** QUIT or 421 sent: nothing more is read (RFC 5321 4.1.1.10, 3.8). */
    CLOSING
}
