package org.yubin.filter.dkim;

import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Signs messages for one domain and selector with one key (RFC 6376 section 5; rsa-sha256
 * or ed25519-sha256 by the key's type). Each header name of the list is signed as many
 * times as it occurs in the message; {@code From} once more, so that no From field can be
 * added later without breaking the signature. The body is never changed: the result is the
 * message with one {@code DKIM-Signature} field prepended. Thread-safe.
 */
public final class DkimSigner {

    private static final int LINE = 76;

    private final String domain;
    private final String selector;
    private final PrivateKey key;
    private final DkimAlgorithm algorithm;
    private final Canonicalization headerCanonicalization;
    private final Canonicalization bodyCanonicalization;
    private final List<String> headers;
    private final Clock clock;

    public DkimSigner(String domain, String selector, PrivateKey key, Canonicalization headerCanonicalization,
            Canonicalization bodyCanonicalization, List<String> headers, Clock clock) {
        this.domain = Objects.requireNonNull(domain, "domain");
        this.selector = Objects.requireNonNull(selector, "selector");
        this.key = Objects.requireNonNull(key, "key");
        this.algorithm = DkimAlgorithm.forKey(key);
        this.headerCanonicalization = headerCanonicalization;
        this.bodyCanonicalization = bodyCanonicalization;
        this.headers = List.copyOf(headers);
        this.clock = clock;
    }

    public DkimAlgorithm algorithm() {
        return algorithm;
    }

    /** {@code message} with a DKIM-Signature field on top. */
    public byte[] sign(byte[] message) throws GeneralSecurityException {
        byte[] field = (signatureField(message) + "\r\n").getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        byte[] signed = new byte[field.length + message.length];
        System.arraycopy(field, 0, signed, 0, field.length);
        System.arraycopy(message, 0, signed, field.length, message.length);
        return signed;
    }

    /** The DKIM-Signature field for {@code message}, folded, without its final CRLF. */
    public String signatureField(byte[] message) throws GeneralSecurityException {
        ParsedMessage parsed = ParsedMessage.parse(message);
        List<String> names = signedNames(parsed);
        String bodyHash = Base64.getEncoder().encodeToString(SignedData.bodyHash(parsed, bodyCanonicalization, -1));
        String unsigned = folded(List.of("v=1", "a=" + algorithm.tag(),
                "c=" + headerCanonicalization + "/" + bodyCanonicalization, "d=" + domain, "s=" + selector,
                "t=" + clock.instant().getEpochSecond(), "h=" + String.join(":", names), "bh=" + bodyHash, "b="));
        byte[] data = SignedData.headerData(parsed.select(names), unsigned, headerCanonicalization);
        return unsigned + foldedBase64(Base64.getEncoder().encodeToString(algorithm.sign(key, data)), lastLineLength(unsigned));
    }

    private List<String> signedNames(ParsedMessage message) {
        List<String> names = new ArrayList<>();
        for (String header : headers) {
            String lower = header.toLowerCase(Locale.ROOT);
            long count = message.fields().stream().filter(f -> ParsedMessage.isNamed(f, lower)).count();
            if (lower.equals("from")) {
                count++;
            }
            for (long i = 0; i < count; i++) {
                names.add(header);
            }
        }
        return names;
    }

    /** "DKIM-Signature: " and the tags, folded before a tag that would pass the line length. */
    private static String folded(List<String> tags) {
        StringBuilder field = new StringBuilder("DKIM-Signature:");
        int lineLength = field.length();
        for (int i = 0; i < tags.size(); i++) {
            String tag = tags.get(i) + (i < tags.size() - 1 ? ";" : "");
            if (lineLength + 1 + tag.length() > LINE && lineLength > 1) {
                field.append("\r\n\t");
                lineLength = 1;
            } else {
                field.append(' ');
                lineLength++;
            }
            field.append(tag);
            lineLength += tag.length();
        }
        return field.toString();
    }

    private static int lastLineLength(String text) {
        return text.length() - (text.lastIndexOf('\n') + 1);
    }

    /** The b= value, broken into lines of folding whitespace (ignored in base64). */
    private static String foldedBase64(String value, int used) {
        StringBuilder out = new StringBuilder(value.length() + value.length() / 60 * 3);
        int pos = 0;
        int room = Math.max(LINE - used, 8);
        while (pos < value.length()) {
            int end = Math.min(pos + room, value.length());
            if (pos > 0) {
                out.append("\r\n\t");
            }
            out.append(value, pos, end);
            pos = end;
            room = LINE - 1;
        }
        return out.toString();
    }
}
