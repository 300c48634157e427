package org.yubin.imap.message;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.apache.james.mime4j.codec.Base64InputStream;
import org.apache.james.mime4j.codec.DecodeMonitor;
import org.apache.james.mime4j.codec.DecoderUtil;
import org.apache.james.mime4j.codec.QuotedPrintableInputStream;
import org.apache.james.mime4j.util.CharsetUtil;

/**
 * Turns parts into Unicode text for SEARCH: content transfer encoding undone (mime4j's
 * lenient decoders), then the part's charset; an unknown or missing charset is read as UTF-8
 * (bad sequences become U+FFFD), which also covers raw 8-bit UTF-8 mail.
 */
final class TextExtractor {

    /** Bounds the text a single search builds from one message. */
    static final int MAX_TEXT = 16 * 1024 * 1024;

    private TextExtractor() {
    }

    /** RFC 2047 encoded words decoded; the value itself when it has none or they are broken. */
    static String decodeHeader(String value) {
        if (value.indexOf("=?") < 0) {
            return value;
        }
        try {
            return DecoderUtil.decodeEncodedWords(value, DecodeMonitor.SILENT);
        } catch (RuntimeException e) {
            return value;
        }
    }

    /** The body of a part with its transfer encoding undone. */
    static byte[] decodedContent(byte[] bytes, MimePart part) {
        String encoding = part.header("Content-Transfer-Encoding");
        encoding = encoding == null ? "" : encoding.toLowerCase(Locale.ROOT);
        InputStream raw = new ByteArrayInputStream(bytes, part.bodyStart(), part.bodySize());
        InputStream decoded = switch (encoding) {
            case "base64" -> new Base64InputStream(raw, DecodeMonitor.SILENT);
            case "quoted-printable" -> new QuotedPrintableInputStream(raw, DecodeMonitor.SILENT);
            default -> null;
        };
        if (decoded == null) {
            return new ByteSlice(bytes, part.bodyStart(), part.bodySize()).toByteArray();
        }
        try (decoded) {
            return decoded.readNBytes(MAX_TEXT);
        } catch (IOException e) {
            return new byte[0];
        }
    }

    /** Whether {@link #decodedContent} knows the part's transfer encoding (BINARY must refuse others). */
    static boolean knownEncoding(MimePart part) {
        String encoding = part.header("Content-Transfer-Encoding");
        if (encoding == null) {
            return true;
        }
        return switch (encoding.toLowerCase(Locale.ROOT)) {
            case "", "7bit", "8bit", "binary", "base64", "quoted-printable" -> true;
            default -> false;
        };
    }

    static String text(byte[] bytes, MimePart part) {
        return new String(decodedContent(bytes, part), charset(part.contentType().parameter("charset")));
    }

    private static Charset charset(String name) {
        if (name == null) {
            return StandardCharsets.UTF_8;
        }
        Charset charset = CharsetUtil.lookup(name.strip());
        // US-ASCII mail often carries 8-bit UTF-8 regardless; UTF-8 reads ASCII the same.
        return charset == null || charset.equals(StandardCharsets.US_ASCII) ? StandardCharsets.UTF_8 : charset;
    }
}
