package org.yubin.filter.dkim;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A DKIM tag list ({@code v=1; a=rsa-sha256; ...}, RFC 6376 section 3.2), as in a
 * signature field or a key record. Whitespace around tags and values is dropped; a
 * duplicate tag or a tag without {@code =} makes the list invalid. Immutable.
 */
final class TagList {

    private final Map<String, String> tags;

    private TagList(Map<String, String> tags) {
        this.tags = tags;
    }

    /** @throws IllegalArgumentException when the list is malformed, saying why */
    static TagList parse(String text) {
        Map<String, String> tags = new LinkedHashMap<>();
        for (String spec : text.split(";", -1)) {
            if (spec.isBlank()) {
                continue;
            }
            int equals = spec.indexOf('=');
            if (equals < 0) {
                throw new IllegalArgumentException("tag without value");
            }
            String name = spec.substring(0, equals).strip();
            if (name.isEmpty() || tags.put(name, spec.substring(equals + 1).strip()) != null) {
                throw new IllegalArgumentException(name.isEmpty() ? "empty tag name" : "duplicate tag " + name);
            }
        }
        return new TagList(tags);
    }

    Optional<String> get(String name) {
        return Optional.ofNullable(tags.get(name));
    }

    /** A value with folding whitespace removed (base64 and the like). */
    Optional<String> compact(String name) {
        return get(name).map(v -> v.replaceAll("[ \\t\\r\\n]", ""));
    }

    /**
     * {@code field} (a whole DKIM-Signature field) with the value of its {@code b=} tag
     * removed, as it is hashed (RFC 6376 section 3.7); everything else is kept.
     */
    static String withoutSignature(String field) {
        int colon = field.indexOf(':');
        int pos = colon + 1;
        while (pos <= field.length()) {
            int end = field.indexOf(';', pos);
            if (end < 0) {
                end = field.length();
            }
            int equals = field.indexOf('=', pos);
            if (equals >= 0 && equals < end && field.substring(pos, equals).strip().equals("b")) {
                return field.substring(0, equals + 1) + field.substring(end);
            }
            pos = end + 1;
        }
        return field;
    }
}
