package org.yubin.delivery;

/** Delivery failed for now (disk full, permissions, directory down): the queue tries again later. */
public class TemporaryDeliveryException extends DeliveryException {

    public TemporaryDeliveryException(String enhancedStatus, String reason, Throwable cause) {
        super(enhancedStatus, reason, cause);
    }
}
