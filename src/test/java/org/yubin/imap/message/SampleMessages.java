package org.yubin.imap.message;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

/** The sample messages under src/test/resources/org/yubin/imap/message, stored with LF, served with CRLF. */
public final class SampleMessages {

    /** Every sample, in the order the Dovecot comparison numbers them. */
    public static final List<String> ALL = List.of("simple", "mixed-attachment", "alternative-nested", "rfc822-attached",
            "iso2022jp", "utf8", "malformed", "noblank", "group", "case", "noboundary", "flowed", "digest",
            "empty-multipart", "nocolon", "rfc2231", "nested-unclosed", "raw8bit");

    private SampleMessages() {
    }

    /** The sample as stored (LF line ends), as a Maildir file holds it. */
    public static byte[] lf(String name) {
        try (InputStream in = SampleMessages.class.getResourceAsStream("/org/yubin/imap/message/" + name + ".eml")) {
            if (in == null) {
                throw new IllegalArgumentException("no sample " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The sample with CRLF line ends, as IMAP serves it. */
    public static byte[] crlf(String name) {
        byte[] lf = lf(name);
        ByteArrayOutputStream out = new ByteArrayOutputStream(lf.length + lf.length / 20);
        for (int i = 0; i < lf.length; i++) {
            if (lf[i] == '\n' && (i == 0 || lf[i - 1] != '\r')) {
                out.write('\r');
            }
            out.write(lf[i]);
        }
        return out.toByteArray();
    }

    public static ParsedMessage parsed(String name) {
        return ParsedMessage.parse(crlf(name));
    }
}
