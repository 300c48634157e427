package org.yubin.filter.dmarc;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A DMARC policy record (RFC 7489 section 6.3): the tags that decide a message's fate.
 *
 * @param policy          {@code p}: none, quarantine or reject
 * @param subdomainPolicy {@code sp}, {@code p} when absent
 * @param strictDkim      {@code adkim=s}
 * @param strictSpf       {@code aspf=s}
 * @param percent         {@code pct}, 0 to 100
 */
public record DmarcRecord(String policy, String subdomainPolicy, boolean strictDkim, boolean strictSpf, int percent) {

    /** The record, or {@code null} when {@code text} is not a valid DMARC record (it is then ignored, 6.6.3). */
    public static DmarcRecord parse(String text) {
        Map<String, String> tags = new HashMap<>();
        String[] parts = text.split(";");
        for (String part : parts) {
            int eq = part.indexOf('=');
            if (eq > 0) {
                tags.putIfAbsent(part.substring(0, eq).strip().toLowerCase(Locale.ROOT), part.substring(eq + 1).strip());
            }
        }
        if (!parts[0].strip().matches("(?i)v\\s*=\\s*DMARC1")) {
            return null;
        }
        String policy = policy(tags.get("p"));
        if (policy == null) {
            return null;
        }
        String subdomain = policy(tags.get("sp"));
        int percent = 100;
        try {
            percent = Math.max(0, Math.min(100, Integer.parseInt(tags.getOrDefault("pct", "100"))));
        } catch (NumberFormatException e) {
            // an unusable pct is ignored like any unknown value (6.3)
        }
        return new DmarcRecord(policy, subdomain == null ? policy : subdomain,
                "s".equalsIgnoreCase(tags.get("adkim")), "s".equalsIgnoreCase(tags.get("aspf")), percent);
    }

    private static String policy(String value) {
        if (value == null) {
            return null;
        }
        String lower = value.toLowerCase(Locale.ROOT);
        return lower.equals("none") || lower.equals("quarantine") || lower.equals("reject") ? lower : null;
    }
}
