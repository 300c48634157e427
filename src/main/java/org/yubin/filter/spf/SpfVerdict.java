package org.yubin.filter.spf;

/**
 * The SPF result of one message, kept in the exchange property {@link #PROPERTY} for
 * DMARC and {@code Authentication-Results}.
 *
 * @param result   the check_host() result
 * @param property {@code smtp.mailfrom}, or {@code smtp.helo} for the null sender (RFC 8601 2.7.2)
 * @param identity the reverse path, or the HELO name for the null sender
 * @param domain   the checked domain: the reverse path's domain or the HELO name
 */
public record SpfVerdict(SpfResult result, String property, String identity, String domain) {

    /** Exchange property holding the {@link SpfVerdict}. */
    public static final String PROPERTY = "YubinSpfVerdict";
}
