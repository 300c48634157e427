/**
 * The IMAP view of a message: {@link org.yubin.imap.message.ParsedMessage} finds the MIME
 * parts of the CRLF bytes by offset and renders ENVELOPE, BODY and BODYSTRUCTURE, slices
 * sections, and decodes headers and bodies for SEARCH. Behaviour on odd mail follows
 * Dovecot 2.3 (the tests compare with its imap binary). mime4j decodes RFC 2047 words and
 * transfer encodings; the part boundaries are found here, since IMAP sections must be byte
 * ranges of the original and mime4j's parser does not report offsets.
 */
package org.yubin.imap.message;
