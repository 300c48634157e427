package org.yubin.delivery.remote;

import org.apache.camel.Message;
import org.yubin.delivery.DsnFields;
import org.yubin.delivery.PermanentDeliveryException;
import org.yubin.queue.EnvelopeHeaders;

/**
 * The envelope of one outbound queue entry, checked: the values go into SMTP commands,
 * so anything that could inject a command (CR, LF, other control characters, angle
 * brackets) is refused.
 *
 * @param mailFrom      reverse path without brackets, empty for the null sender
 * @param deliveryCount how often the broker has handed this entry out (1 on the first attempt)
 * @param delayWarned   the sender has had its delay warning
 */
record OutboundEnvelope(String queueId, String mailFrom, String recipient, String originalRecipient,
                        long arrivalMillis, int deliveryCount, boolean delayWarned) {

    /** Set by Artemis on every delivery of a JMS message. */
    static final String JMS_DELIVERY_COUNT = "JMSXDeliveryCount";

    /** @throws PermanentDeliveryException when a header is missing or unusable */
    static OutboundEnvelope from(Message in) throws PermanentDeliveryException {
        String queueId = in.getHeader(EnvelopeHeaders.QUEUE_ID, String.class);
        if (queueId == null || !queueId.matches("[A-Za-z0-9_-]{1,64}")) {
            throw malformed("bad queue id");
        }
        String mailFrom = in.getHeader(EnvelopeHeaders.MAIL_FROM, String.class);
        if (mailFrom == null || !isPathSafe(mailFrom)) {
            throw malformed("bad sender");
        }
        String recipient = in.getHeader(EnvelopeHeaders.RECIPIENT, String.class);
        if (recipient == null || recipient.isEmpty() || !isPathSafe(recipient)) {
            throw malformed("bad recipient");
        }
        String original = in.getHeader(EnvelopeHeaders.ORIGINAL_RECIPIENT, String.class);
        Long arrivalMillis = EnvelopeHeaders.arrivalMillis(in.getHeader(EnvelopeHeaders.ARRIVAL_TIME));
        if (arrivalMillis == null) {
            throw malformed("bad arrival time");
        }
        Integer count = in.getHeader(JMS_DELIVERY_COUNT, Integer.class);
        return new OutboundEnvelope(queueId, mailFrom, recipient, original == null || !isPathSafe(original) ? null : original,
                arrivalMillis, count == null ? 1 : count, in.getHeader(DsnFields.DELAY_WARNED) != null);
    }

    private static boolean isPathSafe(String address) {
        return address.length() <= 512 && address.chars().noneMatch(c -> c < 0x20 || c == 0x7f || c == '<' || c == '>');
    }

    private static PermanentDeliveryException malformed(String what) {
        return new PermanentDeliveryException("5.6.0", "malformed envelope: " + what);
    }
}
