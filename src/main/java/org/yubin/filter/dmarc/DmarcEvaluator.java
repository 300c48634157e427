package org.yubin.filter.dmarc;

import java.util.List;
import java.util.function.IntSupplier;

import org.yubin.filter.spf.AuthDns;
import org.yubin.filter.spf.TemporaryDnsException;

/**
 * RFC 7489 policy discovery and identifier alignment. The organizational domain is
 * approximated by the last two labels of a name ({@code mail.example.com} →
 * {@code example.com}): no public suffix list is shipped, so under suffixes like
 * {@code co.uk} the fallback looks at {@code _dmarc.co.uk}, which holds no record, and
 * relaxed alignment compares the last two labels too. Thread-safe.
 */
public final class DmarcEvaluator {

    private final AuthDns dns;
    private final IntSupplier percentile;

    /** @param percentile 0..99 for {@code pct} sampling (random in production) */
    public DmarcEvaluator(AuthDns dns, IntSupplier percentile) {
        this.dns = dns;
        this.percentile = percentile;
    }

    /**
     * @param fromDomain        the From: domain, {@code null} when the message has not exactly one
     * @param spfPassDomain     the domain SPF passed for, {@code null} unless SPF passed
     * @param dkimPassDomains   the {@code d=} domains of passing DKIM signatures
     */
    public DmarcVerdict evaluate(String fromDomain, String spfPassDomain, List<String> dkimPassDomains) {
        if (fromDomain == null) {
            return new DmarcVerdict("permerror", null, null, "none");
        }
        String organizational = organizationalDomain(fromDomain);
        DmarcRecord record;
        String policy;
        try {
            record = lookup(fromDomain);
            if (record != null) {
                policy = record.policy();
            } else if (!organizational.equals(fromDomain) && (record = lookup(organizational)) != null) {
                policy = record.subdomainPolicy();
            } else {
                return new DmarcVerdict("none", fromDomain, null, "none");
            }
        } catch (TemporaryDnsException e) {
            return new DmarcVerdict("temperror", fromDomain, null, "none");
        }
        boolean aligned = aligned(fromDomain, spfPassDomain, record.strictSpf());
        for (String dkimDomain : dkimPassDomains) {
            aligned |= aligned(fromDomain, dkimDomain, record.strictDkim());
        }
        if (aligned) {
            return new DmarcVerdict("pass", fromDomain, policy, "none");
        }
        return new DmarcVerdict("fail", fromDomain, policy, sampled(policy, record.percent()));
    }

    /** RFC 7489 6.6.4: a message outside the pct sample gets the next milder policy. */
    private String sampled(String policy, int percent) {
        if (percent >= 100 || percentile.getAsInt() < percent) {
            return policy;
        }
        return policy.equals("reject") ? "quarantine" : "none";
    }

    private DmarcRecord lookup(String domain) throws TemporaryDnsException {
        DmarcRecord found = null;
        for (String text : dns.txt("_dmarc." + domain)) {
            DmarcRecord record = DmarcRecord.parse(text);
            if (record != null) {
                if (found != null) {
                    return null; // more than one record: none applies (6.6.3)
                }
                found = record;
            }
        }
        return found;
    }

    static boolean aligned(String fromDomain, String authenticated, boolean strict) {
        if (authenticated == null || authenticated.isEmpty()) {
            return false;
        }
        String domain = authenticated.toLowerCase(java.util.Locale.ROOT);
        return strict ? domain.equals(fromDomain) : organizationalDomain(domain).equals(organizationalDomain(fromDomain));
    }

    /** The last two labels of {@code domain} (see the class comment). */
    static String organizationalDomain(String domain) {
        String trimmed = domain.endsWith(".") ? domain.substring(0, domain.length() - 1) : domain;
        int last = trimmed.lastIndexOf('.');
        int second = last <= 0 ? -1 : trimmed.lastIndexOf('.', last - 1);
        return second < 0 ? trimmed : trimmed.substring(second + 1);
    }
}
