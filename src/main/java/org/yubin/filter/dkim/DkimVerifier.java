package org.yubin.filter.dkim;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Verifies the DKIM-Signature fields of a message (RFC 6376 section 6, RFC 8463), the
 * first {@code limit} from the top; later ones are not looked at. Each gets one
 * {@link DkimResult}: a key that cannot be fetched for a DNS failure is {@code temperror};
 * a malformed signature or key record, a missing or revoked key, an unsupported algorithm
 * or an RSA key below 1024 bits is {@code permerror}; a body hash or signature that does
 * not match, or an expired signature, is {@code fail}. Thread-safe when the lookup is.
 */
public final class DkimVerifier {

    private final KeyLookup keys;
    private final int limit;
    private final Clock clock;

    public DkimVerifier(KeyLookup keys, int limit, Clock clock) {
        this.keys = keys;
        this.limit = limit;
        this.clock = clock;
    }

    /** One result per verified signature, top first; empty when the message has none. */
    public List<DkimResult> verify(byte[] message) {
        ParsedMessage parsed = ParsedMessage.parse(message);
        List<DkimResult> results = new ArrayList<>();
        for (String field : parsed.fields()) {
            if (results.size() >= limit) {
                break;
            }
            if (ParsedMessage.isNamed(field, "dkim-signature")) {
                results.add(verify(parsed, field));
            }
        }
        return results;
    }

    private DkimResult verify(ParsedMessage message, String field) {
        TagList tags;
        try {
            tags = TagList.parse(ParsedMessage.valueOf(field));
        } catch (IllegalArgumentException e) {
            return new DkimResult("permerror", null, null, null, "bad signature syntax: " + e.getMessage());
        }
        String domain = tags.get("d").map(d -> d.toLowerCase(Locale.ROOT)).orElse(null);
        String selector = tags.get("s").orElse(null);
        String signature = tags.compact("b").orElse(null);
        Check check = new Check(domain, selector, signature);
        for (String required : List.of("v", "a", "b", "bh", "d", "h", "s")) {
            if (tags.get(required).filter(v -> !v.isEmpty()).isEmpty()) {
                return check.permerror("missing tag " + required + "=");
            }
        }
        if (!tags.get("v").get().equals("1")) {
            return check.permerror("unknown version");
        }
        Optional<DkimAlgorithm> algorithm = DkimAlgorithm.ofTag(tags.get("a").get());
        if (algorithm.isEmpty()) {
            return check.permerror("unsupported algorithm " + tags.get("a").get());
        }
        Canonicalization headerCanonicalization;
        Canonicalization bodyCanonicalization;
        try {
            String[] c = tags.get("c").orElse("simple/simple").split("/", -1);
            headerCanonicalization = Canonicalization.parse(c[0]);
            bodyCanonicalization = c.length > 1 ? Canonicalization.parse(c[1]) : Canonicalization.SIMPLE;
            if (c.length > 2) {
                return check.permerror("bad c= tag");
            }
        } catch (IllegalArgumentException e) {
            return check.permerror(e.getMessage());
        }
        List<String> signedNames = Arrays.stream(tags.get("h").get().split(":")).map(String::strip).toList();
        if (signedNames.stream().noneMatch(n -> n.equalsIgnoreCase("from"))) {
            return check.permerror("From field not signed");
        }
        Optional<String> identity = tags.get("i").map(i -> i.toLowerCase(Locale.ROOT));
        if (identity.isPresent() && !withinDomain(identity.get(), domain)) {
            return check.permerror("i= not within d=");
        }
        long bodyLimit;
        try {
            bodyLimit = tags.get("l").map(Long::parseLong).orElse(-1L);
            Optional<Long> expires = tags.get("x").map(Long::parseLong);
            if (expires.isPresent() && expires.get() < clock.instant().getEpochSecond()) {
                return check.fail("signature expired");
            }
        } catch (NumberFormatException e) {
            return check.permerror("bad number in l= or x=");
        }
        byte[] bodyHash;
        byte[] signatureBytes;
        try {
            bodyHash = Base64.getDecoder().decode(tags.compact("bh").get());
            signatureBytes = Base64.getDecoder().decode(signature);
        } catch (IllegalArgumentException e) {
            return check.permerror("bad base64 in b= or bh=");
        }
        PublicKey key;
        try {
            Optional<PublicKey> found = key(selector + "._domainkey." + domain, algorithm.get(), identity, domain);
            if (found.isEmpty()) {
                return check.permerror("no key for signature");
            }
            key = found.get();
        } catch (KeyLookup.KeyLookupException e) {
            return check.temperror(e.getMessage());
        } catch (KeyRecordException e) {
            return check.permerror(e.getMessage());
        }
        if (!MessageDigest.isEqual(bodyHash, SignedData.bodyHash(message, bodyCanonicalization, bodyLimit))) {
            return check.fail("body hash mismatch");
        }
        byte[] data = SignedData.headerData(message.select(signedNames), TagList.withoutSignature(field),
                headerCanonicalization);
        try {
            return algorithm.get().verify(key, data, signatureBytes)
                    ? DkimResult.pass(domain, selector, signature)
                    : check.fail("signature verification failed");
        } catch (GeneralSecurityException e) {
            return check.fail("signature verification failed");
        }
    }

    /** The key of the first usable record at {@code name}; empty when there is none. */
    private Optional<PublicKey> key(String name, DkimAlgorithm algorithm, Optional<String> identity, String domain)
            throws KeyLookup.KeyLookupException, KeyRecordException {
        List<String> records = keys.txt(name);
        if (records.isEmpty()) {
            return Optional.empty();
        }
        TagList record;
        try {
            record = TagList.parse(records.get(0));
        } catch (IllegalArgumentException e) {
            throw new KeyRecordException("bad key record: " + e.getMessage());
        }
        if (!record.get("v").orElse("DKIM1").equals("DKIM1")) {
            throw new KeyRecordException("bad key record version");
        }
        if (!record.get("k").orElse("rsa").equalsIgnoreCase(algorithm.keyType())) {
            throw new KeyRecordException("key type does not match a=" + algorithm.tag());
        }
        if (record.get("h").filter(h -> !Arrays.asList(h.replace(" ", "").split(":")).contains("sha256")).isPresent()) {
            throw new KeyRecordException("key does not allow sha256");
        }
        if (record.get("s").filter(s -> !Arrays.asList(s.replace(" ", "").split(":")).contains("email")
                && !Arrays.asList(s.replace(" ", "").split(":")).contains("*")).isPresent()) {
            throw new KeyRecordException("key is not for email");
        }
        boolean strict = record.get("t").map(t -> Arrays.asList(t.replace(" ", "").split(":")).contains("s")).orElse(false);
        if (strict && identity.isPresent() && !identity.get().endsWith("@" + domain)) {
            throw new KeyRecordException("key forbids subdomains in i=");
        }
        String p = record.compact("p").orElseThrow(() -> new KeyRecordException("key record without p="));
        if (p.isEmpty()) {
            throw new KeyRecordException("key revoked");
        }
        try {
            return Optional.of(algorithm.publicKey(Base64.getDecoder().decode(p)));
        } catch (IllegalArgumentException | GeneralSecurityException e) {
            throw new KeyRecordException("unusable key: " + e.getMessage());
        }
    }

    private static boolean withinDomain(String identity, String domain) {
        String host = identity.substring(identity.lastIndexOf('@') + 1);
        return host.equals(domain) || host.endsWith("." + domain);
    }

    /** What is known of a signature so far, to report a result with it. */
    private record Check(String domain, String selector, String signature) {
        DkimResult permerror(String reason) {
            return new DkimResult("permerror", domain, selector, signature, reason);
        }

        DkimResult temperror(String reason) {
            return new DkimResult("temperror", domain, selector, signature, reason);
        }

        DkimResult fail(String reason) {
            return new DkimResult("fail", domain, selector, signature, reason);
        }
    }

    private static final class KeyRecordException extends Exception {
        KeyRecordException(String message) {
            super(message);
        }
    }
}
