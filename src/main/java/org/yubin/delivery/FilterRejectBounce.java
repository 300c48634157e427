package org.yubin.delivery;

import java.util.List;

import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.yubin.queue.EnvelopeHeaders;
import org.yubin.smtp.QueueIdGenerator;
import org.yubin.smtp.SmtpRejectException;
import org.yubin.smtp.SmtpReply;

/**
 * Bean {@code filterRejectBounce}: a content filter refused a message that has no SMTP
 * client to answer (local submission, {@code routes/local.yaml}), so the refusal becomes a
 * DSN to the sender, as Postfix does for {@code non_smtpd_milters}. Reads the
 * {@link SmtpRejectException} in {@link Exchange#EXCEPTION_CAUGHT}:
 * <ul>
 * <li>a temporary refusal (4xx) is thrown again, so the JMS transaction rolls back and
 *     the broker retries the message later;</li>
 * <li>a permanent one turns the exchange into one DSN (RFC 3464) with a per-recipient block
 *     for every envelope recipient, Status = the reply's enhanced code, Diagnostic-Code
 *     {@code smtp; <reply>}, addressed with a new queue id and the null sender to the
 *     original sender, ready for {@code jms:queue:yubin.incoming}
 *     ({@link DsnFields#OUTCOME} {@code queued}); for the null sender only a log line
 *     ({@code none}).</li>
 * </ul>
 * Thread-safe.
 */
public class FilterRejectBounce implements Processor {

    private static final Logger LOG = LoggerFactory.getLogger(FilterRejectBounce.class);

    private final String hostname;
    private final QueueIdGenerator ids = new QueueIdGenerator();

    public FilterRejectBounce(String hostname) {
        this.hostname = hostname;
    }

    @Override
    public void process(Exchange exchange) {
        Exception caught = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        SmtpRejectException reject = SmtpRejectException.find(caught);
        if (reject == null) {
            throw new IllegalStateException("filterRejectBounce without a refusal", caught);
        }
        Message in = exchange.getMessage();
        String queueId = DsnMessage.ascii(in.getHeader(EnvelopeHeaders.QUEUE_ID, "NOQUEUE", String.class));
        String sender = in.getHeader(EnvelopeHeaders.MAIL_FROM, "", String.class);
        List<String> recipients = in.getHeader(EnvelopeHeaders.RECIPIENTS, "", String.class).lines()
                .map(String::strip).filter(line -> !line.isEmpty()).toList();
        SmtpReply reply = reject.reply();
        String where = queueId + ": milter-reject: from=<" + DsnMessage.ascii(sender) + ">, to=<"
                + DsnMessage.ascii(String.join(">,<", recipients)) + ">, ";
        if (reply.code() < 500) {
            LOG.info("{}status=deferred ({})", where, DsnMessage.ascii(reply.toString()));
            throw reject;
        }
        byte[] original = in.getBody(byte[].class);
        if (sender.isEmpty() || recipients.isEmpty() || original == null) {
            LOG.info("{}status=bounced ({}), no DSN{}", where, DsnMessage.ascii(reply.toString()),
                    sender.isEmpty() ? " for the null sender" : " (envelope incomplete)");
            exchange.setProperty(DsnFields.OUTCOME, DsnFields.OUTCOME_NONE);
            return;
        }
        long now = System.currentTimeMillis();
        Long arrivalHeader = EnvelopeHeaders.arrivalMillis(in.getHeader(EnvelopeHeaders.ARRIVAL_TIME));
        long arrival = arrivalHeader == null ? now : arrivalHeader;
        String status = reply.enhancedCode() == null ? "5.0.0" : reply.enhancedCode();
        String text = String.join(" ", reply.lines());
        List<DsnMessage.Report> reports = recipients.stream()
                .map(r -> new DsnMessage.Report(DsnMessage.Action.FAILED, r, null, status,
                        "message refused by a content filter: " + text, null, reply.toString(), 0))
                .toList();
        String dsnId = ids.next();
        byte[] dsn = DsnMessage.build(hostname, dsnId, queueId, sender, arrival, reports, original, now);

        DsnProcessor.becomeDsn(exchange, dsnId, sender, dsn, now);
        LOG.info("{}status=bounced ({}), sender non-delivery notification: {}", where,
                DsnMessage.ascii(reply.toString()), dsnId);
    }
}
