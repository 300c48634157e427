package org.yubin.delivery;

/** Delivery can never succeed (no such local user, malformed envelope): the message is bounced. */
public class PermanentDeliveryException extends DeliveryException {

    public PermanentDeliveryException(String enhancedStatus, String reason) {
        super(enhancedStatus, reason, null);
    }
}
