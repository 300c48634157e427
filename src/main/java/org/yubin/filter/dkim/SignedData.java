package org.yubin.filter.dkim;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;

/** The two hash inputs of RFC 6376 section 3.7, shared by the signer and the verifier. Stateless. */
final class SignedData {

    private SignedData() {
    }

    /** SHA-256 of the canonical body, cut to {@code limit} bytes when it is not negative ({@code l=}). */
    static byte[] bodyHash(ParsedMessage message, Canonicalization canonicalization, long limit) {
        byte[] body = canonicalization.body(message.bytes(), message.bodyStart());
        int length = limit >= 0 && limit < body.length ? (int) limit : body.length;
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(body, 0, length);
            return digest.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /**
     * The signed header fields in {@code h=} order, then the signature field with an empty
     * {@code b=} and without its final CRLF, all canonicalized.
     */
    static byte[] headerData(List<String> signedFields, String signatureFieldWithoutB, Canonicalization canonicalization) {
        StringBuilder data = new StringBuilder();
        signedFields.forEach(field -> data.append(canonicalization.header(field)));
        String signature = canonicalization.header(signatureFieldWithoutB);
        data.append(signature, 0, signature.length() - 2);
        return data.toString().getBytes(StandardCharsets.ISO_8859_1);
    }
}
