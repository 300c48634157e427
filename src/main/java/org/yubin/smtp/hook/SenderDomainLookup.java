package org.yubin.smtp.hook;

/**
 * Whether a sender domain can receive mail back, from DNS. Implementations may block
 * (the hook runs on the session's worker thread) and must be thread-safe.
 */
@FunctionalInterface
public interface SenderDomainLookup {

    enum Status {
        /** MX, or A/AAAA (implicit MX) records exist. */
        EXISTS,
        /** NXDOMAIN, or the name has neither MX nor address records. */
        NOT_FOUND,
        /** RFC 7505 null MX: the domain says it takes no mail. */
        NULL_MX,
        /** DNS did not answer usefully (SERVFAIL, timeout). */
        TEMPORARY_FAILURE
    }

    /** @param domain an ASCII (A-label) domain name */
    Status lookup(String domain);
}
