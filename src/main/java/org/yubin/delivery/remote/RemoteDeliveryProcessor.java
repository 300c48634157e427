package org.yubin.delivery.remote;

import java.time.Duration;

import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.yubin.config.YubinProperties;
import org.yubin.delivery.DeliveryException;
import org.yubin.delivery.DsnFields;
import org.yubin.delivery.LogDelay;
import org.yubin.delivery.PermanentDeliveryException;
import org.yubin.delivery.TemporaryDeliveryException;
import org.yubin.queue.EnvelopeHeaders;

/**
 * Delivery of one entry of {@code yubin.outbound} (one remote recipient) over SMTP
 * (bean {@code remoteDelivery} of {@code routes/outbound.yaml}).
 *
 * <p>Outcome:
 * <ul>
 *   <li>returns normally: sent — the JMS transaction commits;</li>
 *   <li>{@link TemporaryDeliveryException}: deferred — roll back, the broker tries again
 *       with the queue's backoff;</li>
 *   <li>returns normally with {@link DsnFields#DELAY_WARNING} set: deferred, and the sender
 *       is due its one delay warning ({@code yubin.outbound.delay-warning}); the message
 *       carries {@link DsnFields#DELAY_WARNED} and an Artemis scheduled delivery time for the
 *       next attempt, and the route puts it back into the queue and sends the warning;</li>
 *   <li>{@link PermanentDeliveryException}: bounced — refused with 5xx, null MX, no such
 *       domain, or deferred past {@code yubin.queue.lifetime} since arrival (checked on each
 *       attempt); {@link DsnFields#REMOTE_MTA} and {@link DsnFields#SMTP_REPLY} are set when a
 *       server answered.</li>
 * </ul>
 * One Postfix-style log line per attempt. Thread-safe.
 */
public class RemoteDeliveryProcessor implements Processor {

    /** Artemis's message property for scheduled delivery (epoch ms). */
    static final String SCHEDULED_DELIVERY = "_AMQ_SCHED_DELIVERY";

    private static final Logger LOG = LoggerFactory.getLogger(RemoteDeliveryProcessor.class);

    private final SmtpTransport transport;
    private final Duration lifetime;
    private final Duration delayWarning;
    private final YubinProperties.Queue retry;

    RemoteDeliveryProcessor(SmtpTransport transport, YubinProperties properties) {
        this.transport = transport;
        this.lifetime = properties.getQueue().getLifetime();
        this.delayWarning = properties.getOutbound().getDelayWarning();
        this.retry = properties.getQueue();
    }

    @Override
    public void process(Exchange exchange) throws DeliveryException {
        Message in = exchange.getMessage();
        OutboundEnvelope envelope;
        try {
            envelope = OutboundEnvelope.from(in);
        } catch (PermanentDeliveryException e) {
            String queueId = in.getHeader(EnvelopeHeaders.QUEUE_ID, String.class);
            LOG.warn("{}: status=bounced ({})", queueId == null ? "NOQUEUE" : RemoteReply.printable(queueId), e.reason());
            throw e;
        }
        byte[] message = in.getBody(byte[].class);
        if (message == null) {
            LOG.warn("{}", logLine(envelope, null, "5.6.0", "bounced (malformed envelope: no message body)"));
            throw new PermanentDeliveryException("5.6.0", "malformed envelope: no message body");
        }
        try {
            SmtpTransport.Sent sent = transport.deliver(envelope.queueId(), envelope.mailFrom(), envelope.recipient(), message);
            LOG.info("{}", logLine(envelope, sent.relay(), sent.reply().enhancedStatus(),
                    "sent (" + sent.reply().text() + (sent.tls() ? ", TLS" : "") + ")"));
        } catch (TemporaryDeliveryException e) {
            remember(exchange, e);
            long age = System.currentTimeMillis() - envelope.arrivalMillis();
            if (age >= lifetime.toMillis()) {
                LOG.warn("{}", logLine(envelope, relayOf(e), e.enhancedStatus(),
                        "expired, returned to sender (" + e.reason() + ")"));
                throw new PermanentDeliveryException(e.enhancedStatus(), e.reason() + " (delivery time expired)");
            }
            LOG.warn("{}", logLine(envelope, relayOf(e), e.enhancedStatus(), "deferred (" + e.reason() + ")"));
            if (warningDue(envelope, age)) {
                in.setHeader(DsnFields.DELAY_WARNED, "yes");
                in.setHeader(SCHEDULED_DELIVERY, System.currentTimeMillis() + nextRetryDelay(envelope.deliveryCount()));
                exchange.setProperty(DsnFields.DELAY_WARNING, e);
                return;
            }
            throw e;
        } catch (PermanentDeliveryException e) {
            remember(exchange, e);
            LOG.warn("{}", logLine(envelope, relayOf(e), e.enhancedStatus(), "bounced (" + e.reason() + ")"));
            throw e;
        }
    }

    private boolean warningDue(OutboundEnvelope envelope, long age) {
        return !delayWarning.isZero() && !envelope.delayWarned() && !envelope.mailFrom().isEmpty()
                && age >= delayWarning.toMillis();
    }

    /** The wait the broker would have applied after this attempt (the re-queued copy starts the schedule anew). */
    long nextRetryDelay(int deliveryCount) {
        double delay = retry.getRetryDelay().toMillis() * Math.pow(Math.max(1.0, retry.getRetryMultiplier()), Math.max(0, deliveryCount - 1));
        return (long) Math.min(delay, retry.getMaxRetryDelay().toMillis());
    }

    private static void remember(Exchange exchange, DeliveryException e) {
        if (e instanceof RemoteFailure remote) {
            exchange.setProperty(DsnFields.REMOTE_MTA, remote.remoteMta());
            exchange.setProperty(DsnFields.SMTP_REPLY, remote.smtpReply());
        }
    }

    private static String relayOf(DeliveryException e) {
        return e instanceof RemoteFailure remote ? remote.relay() : null;
    }

    private static String logLine(OutboundEnvelope envelope, String relay, String dsn, String status) {
        StringBuilder line = new StringBuilder(200).append(envelope.queueId())
                .append(": to=<").append(RemoteReply.printable(envelope.recipient())).append('>');
        if (envelope.originalRecipient() != null && !envelope.originalRecipient().equals(envelope.recipient())) {
            line.append(", orig_to=<").append(RemoteReply.printable(envelope.originalRecipient())).append('>');
        }
        return line.append(", relay=").append(relay == null ? "none" : relay)
                .append(", delay=").append(LogDelay.since(envelope.arrivalMillis()))
                .append(", dsn=").append(dsn)
                .append(", status=").append(status).toString();
    }
}
