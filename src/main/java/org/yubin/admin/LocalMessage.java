package org.yubin.admin;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A message given to {@code sendmail} on standard input, as it will be queued: lines end
 * in CRLF (LF and CRLF input alike), other bytes untouched (8-bit, ISO-2022-JP). Knows
 * its header section well enough for {@code -t} (To/Cc/Bcc recipients), to drop
 * {@code Bcc:} and to add the From/Date/Message-ID a local program left out, as
 * Postfix's cleanup does.
 */
final class LocalMessage {

    /** Thrown when the input is larger than allowed. */
    static final class TooBig extends IOException {
        TooBig(long limit) {
            super("message larger than " + limit + " bytes");
        }
    }

    /** The header section, one entry per field (folded lines kept, each ending CRLF). */
    private final List<byte[]> fields;
    /** Everything after the header section, separator line included. */
    private final byte[] rest;

    private LocalMessage(List<byte[]> fields, byte[] rest) {
        this.fields = fields;
        this.rest = rest;
    }

    /**
     * @param dotEnds a line with a lone {@code .} ends the input (sendmail without {@code -i})
     * @param limit   most bytes accepted
     */
    static LocalMessage read(InputStream in, boolean dotEnds, long limit) throws IOException {
        List<byte[]> lines = new ArrayList<>();
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        long total = 0;
        int b;
        boolean ended = false;
        InputStream buffered = in.markSupported() ? in : new java.io.BufferedInputStream(in);
        while (!ended && (b = buffered.read()) != -1) {
            if (++total > limit) {
                throw new TooBig(limit);
            }
            if (b != '\n') {
                line.write(b);
                continue;
            }
            byte[] text = withoutFinalCr(line.toByteArray());
            line.reset();
            if (dotEnds && text.length == 1 && text[0] == '.') {
                ended = true;
            } else {
                lines.add(text);
            }
        }
        if (!ended && line.size() > 0) {
            lines.add(withoutFinalCr(line.toByteArray()));
        }
        return split(lines);
    }

    private static byte[] withoutFinalCr(byte[] text) {
        return text.length > 0 && text[text.length - 1] == '\r' ? java.util.Arrays.copyOf(text, text.length - 1) : text;
    }

    private static LocalMessage split(List<byte[]> lines) {
        List<byte[]> fields = new ArrayList<>();
        ByteArrayOutputStream field = null;
        int i = 0;
        for (; i < lines.size(); i++) {
            byte[] line = lines.get(i);
            boolean continuation = line.length > 0 && (line[0] == ' ' || line[0] == '\t');
            if (continuation && field != null) {
                field.writeBytes(line);
                field.writeBytes(CRLF);
            } else if (isFieldStart(line)) {
                if (field != null) {
                    fields.add(field.toByteArray());
                }
                field = new ByteArrayOutputStream();
                field.writeBytes(line);
                field.writeBytes(CRLF);
            } else {
                break;
            }
        }
        if (field != null) {
            fields.add(field.toByteArray());
        }
        ByteArrayOutputStream rest = new ByteArrayOutputStream();
        if (i < lines.size() && lines.get(i).length > 0) {
            // the body starts without the empty separator line: supply it
            rest.writeBytes(CRLF);
        }
        for (; i < lines.size(); i++) {
            rest.writeBytes(lines.get(i));
            rest.writeBytes(CRLF);
        }
        return new LocalMessage(fields, rest.toByteArray());
    }

    private static final byte[] CRLF = {'\r', '\n'};

    /** {@code name:} with a printable name (RFC 5322 ftext). */
    private static boolean isFieldStart(byte[] line) {
        for (int i = 0; i < line.length; i++) {
            byte c = line[i];
            if (c == ':') {
                return i > 0;
            }
            if (c < 33 || c > 126) {
                return false;
            }
        }
        return false;
    }

    private static String name(byte[] field) {
        int colon = 0;
        while (field[colon] != ':') {
            colon++;
        }
        return new String(field, 0, colon, StandardCharsets.US_ASCII).toLowerCase(Locale.ROOT);
    }

    boolean has(String name) {
        return fields.stream().anyMatch(f -> name(f).equals(name.toLowerCase(Locale.ROOT)));
    }

    /** The addresses of every To, Cc and Bcc field, in order. */
    List<String> headerRecipients() {
        List<String> recipients = new ArrayList<>();
        for (byte[] field : fields) {
            String name = name(field);
            if (name.equals("to") || name.equals("cc") || name.equals("bcc")) {
                String value = new String(field, name.length() + 1, field.length - name.length() - 1,
                        StandardCharsets.UTF_8);
                recipients.addAll(AddressList.parse(value));
            }
        }
        return recipients;
    }

    /** Adds a field at the end of the header section ({@code text} without CRLF). */
    void add(String text) {
        fields.add((text + "\r\n").getBytes(StandardCharsets.UTF_8));
    }

    /** The message as queued, without its Bcc fields. */
    byte[] bytes() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        fields.stream().filter(f -> !name(f).equals("bcc")).forEach(out::writeBytes);
        out.writeBytes(rest);
        return out.toByteArray();
    }
}
