package org.yubin.imap.message;

/**
 * One header field of a MIME part: its name as written, its value unfolded (CRLF removed,
 * the folding whitespace kept, as Dovecot does) and where the whole field, folded lines
 * included, lies in the message bytes.
 *
 * @param start offset of the field's first byte
 * @param end offset just after the field's last line break
 */
public record HeaderField(String name, String value, int start, int end) {

    public boolean is(String fieldName) {
        return name.equalsIgnoreCase(fieldName);
    }
}
