package org.yubin.smtp;

import org.yubin.delivery.PermanentDeliveryException;
import org.yubin.delivery.TemporaryDeliveryException;
import org.yubin.delivery.remote.MxLookup;
import org.yubin.smtp.hook.SenderDomainLookup;

/**
 * Sender domains checked with the outbound {@link MxLookup} (same resolvers,
 * {@code yubin.dns.servers}, and its cache): a domain exists when it has MX records or,
 * lacking them, an address (RFC 5321 5.1 implicit MX). Thread-safe.
 */
public final class DnsSenderDomainLookup implements SenderDomainLookup {

    /** MxLookup's status for RFC 7505 null MX. */
    private static final String NULL_MX_STATUS = "5.1.10";

    private final MxLookup mx;

    public DnsSenderDomainLookup(MxLookup mx) {
        this.mx = mx;
    }

    @Override
    public Status lookup(String domain) {
        try {
            mx.mailHosts(domain);
            return Status.EXISTS;
        } catch (PermanentDeliveryException e) {
            return NULL_MX_STATUS.equals(e.enhancedStatus()) ? Status.NULL_MX : Status.NOT_FOUND;
        } catch (TemporaryDeliveryException e) {
            return Status.TEMPORARY_FAILURE;
        }
    }
}
