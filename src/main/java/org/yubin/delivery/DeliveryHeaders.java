package org.yubin.delivery;

/** Camel header names that steer local delivery, set by steps before {@code maildirDelivery}. */
public final class DeliveryHeaders {

    /**
     * Mailbox to deliver into instead of the INBOX (Sieve {@code fileinto}), as the user
     * names it ({@code Lists.yubin}); created when missing. An unusable name falls back
     * to the INBOX, as Dovecot's implicit keep does.
     */
    public static final String FOLDER = "YubinDeliveryFolder";

    private DeliveryHeaders() {
    }
}
