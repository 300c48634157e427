package org.yubin.delivery;

import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.yubin.queue.EnvelopeHeaders;

/**
 * The envelope of one per-recipient delivery message, read from the headers the queue
 * set ({@link EnvelopeHeaders}) and checked: the values end up in file names and in
 * header lines, so anything that could break those is refused.
 *
 * @param mailFrom    reverse path without brackets, empty for the null sender
 * @param redelivered the broker or Camel has tried this message before
 */
record DeliveryEnvelope(String queueId, String mailFrom, String recipient, String originalRecipient,
                        long arrivalMillis, boolean redelivered) {

    /** JMS sets it when the broker hands a message out again after a rollback or crash. */
    static final String JMS_REDELIVERED = "JMSRedelivered";

    /** @throws PermanentDeliveryException when a header is missing or unusable */
    static DeliveryEnvelope from(Message in) throws PermanentDeliveryException {
        String queueId = in.getHeader(EnvelopeHeaders.QUEUE_ID, String.class);
        if (!MaildirWriter.isValidQueueId(queueId)) {
            throw malformed("bad queue id");
        }
        String mailFrom = in.getHeader(EnvelopeHeaders.MAIL_FROM, String.class);
        if (mailFrom == null || !fitsHeaderLine(mailFrom)) {
            throw malformed("bad sender");
        }
        String recipient = in.getHeader(EnvelopeHeaders.RECIPIENT, String.class);
        if (recipient == null || recipient.isEmpty() || !fitsHeaderLine(recipient)) {
            throw malformed("bad recipient");
        }
        String originalRecipient = in.getHeader(EnvelopeHeaders.ORIGINAL_RECIPIENT, String.class);
        if (originalRecipient != null && !fitsHeaderLine(originalRecipient)) {
            throw malformed("bad original recipient");
        }
        boolean redelivered = isTrue(in.getHeader(JMS_REDELIVERED)) || isTrue(in.getHeader(Exchange.REDELIVERED));
        return new DeliveryEnvelope(queueId, mailFrom, recipient, originalRecipient,
                arrivalMillis(in.getHeader(EnvelopeHeaders.ARRIVAL_TIME)), redelivered);
    }

    long arrivalEpochSeconds() {
        return Math.floorDiv(arrivalMillis, 1000L);
    }

    private static long arrivalMillis(Object value) throws PermanentDeliveryException {
        Long millis = EnvelopeHeaders.arrivalMillis(value);
        if (millis == null) {
            throw malformed(value == null ? "no arrival time" : "bad arrival time");
        }
        return millis;
    }

    private static boolean isTrue(Object value) {
        return Boolean.TRUE.equals(value) || (value instanceof String text && Boolean.parseBoolean(text));
    }

    /** No CR, LF, NUL or other control character that would end or corrupt a header line. */
    private static boolean fitsHeaderLine(String value) {
        if (value.length() > 1024) {
            return false;
        }
        for (int i = 0; i < value.length(); i++) {
            if (Character.isISOControl(value.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private static PermanentDeliveryException malformed(String what) {
        return new PermanentDeliveryException("5.6.0", "malformed envelope: " + what);
    }
}
