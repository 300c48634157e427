package org.yubin.imap.message;

import java.util.List;

/**
 * One entity of a parsed message: where its header and body lie in the message bytes, its
 * header fields, its content type, and its children: the parts of a multipart, or the
 * encapsulated message of a {@code message/rfc822} part. Immutable.
 *
 * @param start offset of the part's header
 * @param bodyStart offset of the body, just after the blank line (or {@code end} when there is none)
 * @param end offset just after the body
 * @param contentType the Content-Type as written, or the default when absent or unusable
 * @param children the parts of a multipart, in order; empty otherwise
 * @param message the encapsulated message of a message/rfc822 part, or null
 * @param bodyLines the number of lines of the body (its LF count, as Dovecot reports)
 */
public record MimePart(int start, int bodyStart, int end, List<HeaderField> fields, ParameterizedValue contentType,
                       List<MimePart> children, MimePart message, int bodyLines) {

    public String type() {
        String value = contentType.value();
        int slash = value.indexOf('/');
        return slash < 0 ? value : value.substring(0, slash);
    }

    public String subtype() {
        String value = contentType.value();
        int slash = value.indexOf('/');
        return slash < 0 ? "" : value.substring(slash + 1);
    }

    public boolean isMultipart() {
        return type().equalsIgnoreCase("multipart");
    }

    public boolean isMessage() {
        return message != null;
    }

    public boolean isText() {
        return type().equalsIgnoreCase("text");
    }

    /** The first field of that name (case-insensitive), unfolded and trimmed, or null. */
    public String header(String name) {
        for (HeaderField field : fields) {
            if (field.is(name)) {
                return field.value().strip();
            }
        }
        return null;
    }

    public int bodySize() {
        return end - bodyStart;
    }

    public int headerSize() {
        return bodyStart - start;
    }
}
