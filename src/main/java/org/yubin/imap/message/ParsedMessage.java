package org.yubin.imap.message;

import java.io.ByteArrayOutputStream;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.yubin.imap.codec.ImapResponseWriter;

/**
 * A message as FETCH and SEARCH see it: the CRLF bytes and, built lazily on first use, the
 * MIME tree with the offsets of every part, so that each section is an exact slice of the
 * bytes. Parsing never fails: malformed MIME is read the way Dovecot reads it (see
 * {@link MimeStructureParser}). {@code parse} itself does no work, so serving only
 * {@code BODY[]} or {@code RFC822.SIZE} costs nothing here.
 *
 * <p>Not thread-safe: belongs to the session serving one command.
 */
public final class ParsedMessage {

    private final byte[] bytes;
    private MimePart header;
    private MimePart root;
    private String bodyText;

    private ParsedMessage(byte[] bytes) {
        this.bytes = bytes;
    }

    /** Wraps the message bytes (CRLF line ends; not copied, so not to be changed afterwards). */
    public static ParsedMessage parse(byte[] crlfMessage) {
        return new ParsedMessage(crlfMessage);
    }

    public byte[] bytes() {
        return bytes;
    }

    public int size() {
        return bytes.length;
    }

    /** The whole MIME tree. */
    public MimePart root() {
        if (root == null) {
            root = MimeStructureParser.parse(bytes);
            header = root;
        }
        return root;
    }

    /** The top-level entity with its header fields; its body is not split unless {@link #root()} ran. */
    private MimePart top() {
        if (header == null) {
            header = MimeStructureParser.parseHeader(bytes);
        }
        return header;
    }

    public void writeEnvelope(ImapResponseWriter w) {
        StructureWriter.envelope(w, top());
    }

    /** BODYSTRUCTURE when {@code extensible}, else BODY (no extension data). */
    public void writeBodyStructure(ImapResponseWriter w, boolean extensible) {
        StructureWriter.bodyStructure(w, root(), extensible);
    }

    /** The section's bytes, empty when the part does not exist (as Dovecot answers). */
    public byte[] section(SectionSpec spec) {
        return sectionSlice(spec).toByteArray();
    }

    /** The section as a slice of {@link #bytes()} where it is one (all but HEADER.FIELDS[.NOT]). */
    public ByteSlice sectionSlice(SectionSpec spec) {
        if (spec.part().isEmpty()) {
            return switch (spec.kind()) {
                case BODY -> new ByteSlice(bytes, 0, bytes.length);
                case MIME -> ByteSlice.EMPTY;
                default -> ofMessage(top(), spec);
            };
        }
        MimePart node = resolve(spec.part());
        if (node == null) {
            return ByteSlice.EMPTY;
        }
        return switch (spec.kind()) {
            case BODY -> new ByteSlice(bytes, node.bodyStart(), node.bodySize());
            case MIME -> new ByteSlice(bytes, node.start(), node.headerSize());
            default -> node.isMessage() ? ofMessage(node.message(), spec) : ByteSlice.EMPTY;
        };
    }

    /**
     * The part a path names (RFC 3501 section 6.4.5): in a multipart the n-th child, in any other
     * entity 1 is its body; after a message/rfc822 part the path goes on in the encapsulated
     * message. As in Dovecot, one further {@code .1} after a leaf part of a multipart names that
     * part again. Null when there is no such part.
     */
    public MimePart resolve(List<Integer> path) {
        MimePart container = root();
        MimePart node = null;
        // Whether node was reached as the body of a single-part entity, after which no number may follow.
        boolean body = false;
        for (int n : path) {
            if (node != null) {
                if (node.isMessage()) {
                    container = node.message();
                } else if (node.isMultipart()) {
                    container = node;
                } else if (n == 1 && !body) {
                    body = true;
                    continue;
                } else {
                    return null;
                }
            }
            if (container.isMultipart()) {
                if (n > container.children().size()) {
                    return null;
                }
                node = container.children().get(n - 1);
                body = false;
            } else if (n == 1) {
                node = container;
                body = true;
            } else {
                return null;
            }
        }
        return node;
    }

    private ByteSlice ofMessage(MimePart message, SectionSpec spec) {
        return switch (spec.kind()) {
            case HEADER -> new ByteSlice(bytes, message.start(), message.headerSize());
            case TEXT -> new ByteSlice(bytes, message.bodyStart(), message.bodySize());
            case HEADER_FIELDS -> headerFields(message, spec.fieldNames(), true);
            case HEADER_FIELDS_NOT -> headerFields(message, spec.fieldNames(), false);
            default -> throw new IllegalStateException(spec.kind().name());
        };
    }

    /**
     * The fields named (or all but those), in message order, folded as written, then the blank
     * line. Lines without a colon count as fields no name matches.
     */
    private ByteSlice headerFields(MimePart message, List<String> names, boolean include) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        for (HeaderField field : message.fields()) {
            boolean named = names.stream().anyMatch(field::is);
            if (named == include) {
                out.write(bytes, field.start(), field.end() - field.start());
                if (bytes[field.end() - 1] != '\n') {
                    out.write('\r');
                    out.write('\n');
                }
            }
        }
        // Dovecot's rule: HEADER.FIELDS always ends with the blank line, .NOT only when not empty or the header has one.
        if (include || out.size() > 0 || endsWithBlankLine(message)) {
            out.write('\r');
            out.write('\n');
        }
        byte[] result = out.toByteArray();
        return new ByteSlice(result, 0, result.length);
    }

    private boolean endsWithBlankLine(MimePart message) {
        int end = message.bodyStart();
        int size = message.headerSize();
        if (size >= 1 && bytes[end - 1] == '\n') {
            int lineStart = size >= 2 && bytes[end - 2] == '\r' ? end - 2 : end - 1;
            return lineStart == message.start() || bytes[lineStart - 1] == '\n';
        }
        return false;
    }

    /**
     * The content of a part with its transfer encoding undone (BINARY, RFC 3516), or null when
     * the encoding is one this server does not know (the session answers {@code NO [UNKNOWN-CTE]}).
     * A multipart or message part is given as it is stored.
     */
    public BinaryContent binary(List<Integer> path) {
        MimePart node = path.isEmpty() ? root() : resolve(path);
        if (node == null) {
            return new BinaryContent(new byte[0], false);
        }
        if (path.isEmpty()) {
            return new BinaryContent(bytes.clone(), false);
        }
        if (node.isMultipart() || node.isMessage()) {
            return new BinaryContent(new ByteSlice(bytes, node.bodyStart(), node.bodySize()).toByteArray(), false);
        }
        if (!TextExtractor.knownEncoding(node)) {
            return null;
        }
        String encoding = node.header("Content-Transfer-Encoding");
        boolean decoded = encoding != null && (encoding.equalsIgnoreCase("base64") || encoding.equalsIgnoreCase("quoted-printable"));
        return new BinaryContent(TextExtractor.decodedContent(bytes, node), decoded);
    }

    /** A part's decoded content; {@code decoded} when a transfer encoding was undone (Dovecot then sends literal8). */
    public record BinaryContent(byte[] content, boolean decoded) {
    }

    /** The values of the top-level header fields of that name, unfolded, RFC 2047 words decoded. */
    public List<String> headerValues(String name) {
        List<String> values = new ArrayList<>();
        for (HeaderField field : top().fields()) {
            if (field.is(name)) {
                values.add(TextExtractor.decodeHeader(field.value()));
            }
        }
        return values;
    }

    /** The whole top-level header as decoded text, one {@code Name: value} line per field (SEARCH TEXT). */
    public String headerText() {
        StringBuilder out = new StringBuilder();
        for (HeaderField field : top().fields()) {
            out.append(field.name()).append(": ").append(TextExtractor.decodeHeader(field.value())).append('\n');
        }
        return out.toString();
    }

    /** The date of the Date: header in its own zone, if it has one that can be read. */
    public Optional<LocalDate> sentDate() {
        List<HeaderField> fields = top().fields();
        for (HeaderField field : fields) {
            if (field.is("Date")) {
                return SentDate.parse(field.value());
            }
        }
        return Optional.empty();
    }

    /**
     * The text of the body as SEARCH BODY reads it: every text part and the headers and text of
     * attached messages, transfer encoding and charset decoded; other parts are left out.
     */
    public String bodyText() {
        if (bodyText == null) {
            StringBuilder out = new StringBuilder();
            appendText(root(), out);
            bodyText = out.toString();
        }
        return bodyText;
    }

    private void appendText(MimePart part, StringBuilder out) {
        if (out.length() > TextExtractor.MAX_TEXT) {
            return;
        }
        if (part.isMultipart()) {
            for (MimePart child : part.children()) {
                appendText(child, out);
            }
        } else if (part.isMessage()) {
            MimePart inner = part.message();
            for (HeaderField field : inner.fields()) {
                out.append(field.name()).append(": ").append(TextExtractor.decodeHeader(field.value())).append('\n');
            }
            appendText(inner, out);
        } else if (part.isText()) {
            out.append(TextExtractor.text(bytes, part)).append('\n');
        }
    }
}
