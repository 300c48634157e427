package org.yubin.filter.dmarc;

/**
 * The DMARC result of one message, kept in the exchange property {@link #PROPERTY}.
 *
 * @param result      pass, fail, none, temperror or permerror (RFC 8601 keywords)
 * @param headerFrom  the From: domain; {@code null} when there was not exactly one From address
 * @param policy      the policy that applies to the From: domain ({@code p}, or {@code sp} for a
 *                    subdomain of the organizational domain); {@code null} without a record
 * @param disposition what the policy asks for this message after {@code pct} sampling:
 *                    none, quarantine or reject (always none unless the result is fail)
 */
public record DmarcVerdict(String result, String headerFrom, String policy, String disposition) {

    /** Exchange property holding the {@link DmarcVerdict}. */
    public static final String PROPERTY = "YubinDmarcVerdict";
}
