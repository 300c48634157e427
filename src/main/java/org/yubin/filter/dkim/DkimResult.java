package org.yubin.filter.dkim;

/**
 * The outcome of verifying one DKIM-Signature field.
 *
 * @param result    {@code pass}, {@code fail}, {@code neutral}, {@code temperror} or {@code permerror} (RFC 8601)
 * @param domain    the {@code d=} value, {@code null} when the field had none readable
 * @param selector  the {@code s=} value, or {@code null}
 * @param signature the {@code b=} value without whitespace, or {@code null}
 * @param reason    why it did not pass, {@code null} for a pass
 */
public record DkimResult(String result, String domain, String selector, String signature, String reason) {

    static DkimResult pass(String domain, String selector, String signature) {
        return new DkimResult("pass", domain, selector, signature, null);
    }

    public boolean passed() {
        return result.equals("pass");
    }

    /**
     * The result in RFC 8601 resinfo form without the method name, e.g.
     * {@code pass header.d=example.com header.s=mx0 header.b=AbCdEfGh} or
     * {@code fail header.d=example.com header.s=mx0 header.b=AbCdEfGh (body hash mismatch)}.
     */
    public String resinfo() {
        StringBuilder out = new StringBuilder(result);
        if (domain != null) {
            out.append(" header.d=").append(value(domain));
        }
        if (selector != null) {
            out.append(" header.s=").append(value(selector));
        }
        if (signature != null && !signature.isEmpty()) {
            out.append(" header.b=").append(value(signature.substring(0, Math.min(8, signature.length()))));
        }
        if (reason != null) {
            out.append(" (").append(reason.replaceAll("[()\\\\\\r\\n]", " ")).append(')');
        }
        return out.toString();
    }

    /** A MIME token as is, anything else (base64 has '/' and '=') as a quoted string. */
    private static String value(String text) {
        if (text.matches("[A-Za-z0-9!#$%&'*+.^_`{|}~-]+")) {
            return text;
        }
        return '"' + text.replaceAll("[\"\\\\\\r\\n]", "") + '"';
    }
}
