package org.yubin.delivery;

import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.yubin.queue.EnvelopeHeaders;
import org.yubin.smtp.QueueIdGenerator;

/**
 * Turns the exchange of a per-recipient queue entry whose delivery failed (bean
 * {@code dsnBounce}, reading {@link Exchange#EXCEPTION_CAUGHT}) or was delayed too long
 * (bean {@code dsnDelayWarning}, reading {@link DsnFields#DELAY_WARNING}) into a DSN
 * ({@link DsnMessage}) addressed to the original sender: body = the DSN, headers = a new
 * envelope (new queue id, null sender, {@code YubinRecipients} = the sender), ready for
 * {@code jms:queue:yubin.incoming}, through which it reaches a local Maildir or goes out.
 *
 * <p>Sets {@link DsnFields#OUTCOME}: {@code queued}; {@code none} when the original has
 * the null sender (a bounce is never bounced: only logged); {@code unusable} when the
 * envelope is missing (the exchange is left as it was). Thread-safe.
 */
public class DsnProcessor implements org.apache.camel.Processor {

    private static final Logger LOG = LoggerFactory.getLogger(DsnProcessor.class);

    private final DsnMessage.Action action;
    private final String hostname;
    private final long lifetimeMillis;
    private final QueueIdGenerator ids = new QueueIdGenerator();

    public DsnProcessor(DsnMessage.Action action, String hostname, long lifetimeMillis) {
        this.action = action;
        this.hostname = hostname;
        this.lifetimeMillis = lifetimeMillis;
    }

    @Override
    public void process(Exchange exchange) {
        Message in = exchange.getMessage();
        String queueId = in.getHeader(EnvelopeHeaders.QUEUE_ID, String.class);
        String sender = in.getHeader(EnvelopeHeaders.MAIL_FROM, String.class);
        String recipient = in.getHeader(EnvelopeHeaders.RECIPIENT, String.class);
        Long arrival = EnvelopeHeaders.arrivalMillis(in.getHeader(EnvelopeHeaders.ARRIVAL_TIME));
        DeliveryException failure = action == DsnMessage.Action.FAILED
                ? exchange.getProperty(Exchange.EXCEPTION_CAUGHT, DeliveryException.class)
                : exchange.getProperty(DsnFields.DELAY_WARNING, DeliveryException.class);
        byte[] original = in.getBody(byte[].class);
        if (queueId == null || sender == null || recipient == null || arrival == null || failure == null || original == null) {
            LOG.warn("{}: no DSN possible (envelope incomplete), kept in yubin.dead", queueId == null ? "NOQUEUE" : DsnMessage.ascii(queueId));
            exchange.setProperty(DsnFields.OUTCOME, DsnFields.OUTCOME_UNUSABLE);
            return;
        }
        if (sender.isEmpty()) {
            LOG.info("{}: to=<{}>, status=bounced, no DSN for the null sender ({})", queueId, DsnMessage.ascii(recipient),
                    DsnMessage.ascii(failure.reason()));
            exchange.setProperty(DsnFields.OUTCOME, DsnFields.OUTCOME_NONE);
            return;
        }
        long now = System.currentTimeMillis();
        String dsnId = ids.next();
        DsnMessage.Report report = new DsnMessage.Report(action, recipient,
                in.getHeader(EnvelopeHeaders.ORIGINAL_RECIPIENT, String.class), failure.enhancedStatus(), failure.reason(),
                exchange.getProperty(DsnFields.REMOTE_MTA, String.class), exchange.getProperty(DsnFields.SMTP_REPLY, String.class),
                action == DsnMessage.Action.DELAYED ? arrival + lifetimeMillis : 0);
        byte[] dsn = DsnMessage.build(hostname, dsnId, queueId, sender, arrival, report, original, now);

        becomeDsn(exchange, dsnId, sender, dsn, now);
        LOG.info("{}: sender {} notification: {} (to=<{}>, status={})", queueId,
                action == DsnMessage.Action.FAILED ? "non-delivery" : "delay", dsnId, DsnMessage.ascii(sender), failure.enhancedStatus());
    }

    /**
     * Turns the exchange into the notification itself, ready for {@code yubin.incoming}:
     * a new queue id, the null sender, the original sender as its one recipient.
     */
    static void becomeDsn(Exchange exchange, String dsnId, String sender, byte[] dsn, long now) {
        Message in = exchange.getIn();
        in.removeHeaders("*");
        in.setHeader(EnvelopeHeaders.QUEUE_ID, dsnId);
        in.setHeader(EnvelopeHeaders.MAIL_FROM, "");
        in.setHeader(EnvelopeHeaders.RECIPIENTS, sender);
        in.setHeader(EnvelopeHeaders.ARRIVAL_TIME, now);
        in.setHeader(EnvelopeHeaders.LISTENER, "dsn");
        in.setBody(dsn);
        exchange.setProperty(DsnFields.OUTCOME, DsnFields.OUTCOME_QUEUED);
    }
}
