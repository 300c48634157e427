package org.yubin.filter;

import java.io.IOException;
import java.util.List;
import java.util.Locale;

import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.yubin.config.YubinProperties;
import org.yubin.queue.EnvelopeHeaders;
import org.yubin.smtp.SmtpRejectException;
import org.yubin.smtp.SmtpReply;

/**
 * The virus scan step ({@code process: {ref: clamdScan}} in {@code routes/filters.yaml}):
 * sends the message to clamd and
 * <ul>
 * <li>infected, action {@code reject}: refuses it in the session with
 *     {@code 554 5.7.1 Virus found: <signature>};</li>
 * <li>infected, action {@code tag}: adds {@code X-Virus-Status: Yes} and
 *     {@code X-Virus-Name: <signature>};</li>
 * <li>clean: adds {@code X-Virus-Status: No};</li>
 * <li>larger than {@code yubin.clamd.max-stream-length}: not scanned, adds
 *     {@code X-Virus-Scan: skipped, larger than N bytes};</li>
 * <li>clamd unreachable, too slow or in error: {@code yubin.clamd.on-failure}
 *     ({@link FailurePolicy}), no virus header.</li>
 * </ul>
 * {@code X-Virus-*} fields the sender wrote are removed in every case. With
 * {@code yubin.clamd.address} unset the step passes mail on untouched (logged once at start).
 * Settings are read once; wrong ones fail the start. Thread-safe.
 */
@Component("clamdScan")
public class ClamdScanProcessor implements Processor {

    static final String STATUS = "X-Virus-Status";
    static final String NAME = "X-Virus-Name";
    static final String SKIPPED = "X-Virus-Scan";

    private static final Logger LOG = LoggerFactory.getLogger(ClamdScanProcessor.class);

    /** What happens to infected mail. */
    enum Action { REJECT, TAG }

    private final ClamdClient client;
    private final Action action;
    private final FailurePolicy onFailure;
    private final long maxStreamLength;

    public ClamdScanProcessor(YubinProperties properties) {
        YubinProperties.Clamd settings = properties.getClamd();
        this.action = parseAction(settings.getAction());
        this.onFailure = FailurePolicy.parse("yubin.clamd.on-failure", settings.getOnFailure());
        this.maxStreamLength = settings.getMaxStreamLength();
        if (maxStreamLength <= 0) {
            throw new IllegalArgumentException("yubin.clamd.max-stream-length must be positive");
        }
        if (settings.getAddress() == null || settings.getAddress().isBlank()) {
            this.client = null;
            LOG.info("clamdScan: virus scanning is off (yubin.clamd.address is unset); mail passes unscanned");
        } else {
            this.client = new ClamdClient(DaemonAddress.parse("yubin.clamd.address", settings.getAddress()),
                    settings.getTimeout());
            LOG.info("clamdScan: scanning with clamd at {}, infected={}, on-failure={}, max-stream-length={}",
                    client.address(), action.name().toLowerCase(Locale.ROOT), onFailure, maxStreamLength);
        }
    }

    private static Action parseAction(String value) {
        try {
            return Action.valueOf(value.strip().toUpperCase(Locale.ROOT));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("yubin.clamd.action: expected reject or tag, got '" + value + "'");
        }
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        if (client == null) {
            return;
        }
        Message in = exchange.getIn();
        byte[] message = in.getMandatoryBody(byte[].class);
        String queueId = in.getHeader(EnvelopeHeaders.QUEUE_ID, String.class);
        if (message.length > maxStreamLength) {
            LOG.info("{}: clamdScan: from=<{}>, size={}, status=skipped (larger than max-stream-length {})",
                    queueId, in.getHeader(EnvelopeHeaders.MAIL_FROM), message.length, maxStreamLength);
            in.setBody(withVirusHeaders(message, List.of(SKIPPED + ": skipped, larger than " + maxStreamLength + " bytes")));
            return;
        }
        ClamdVerdict verdict;
        try {
            verdict = client.scan(message);
        } catch (IOException e) {
            LOG.warn("{}: clamdScan: from=<{}>, status=unavailable ({}), policy={}",
                    queueId, in.getHeader(EnvelopeHeaders.MAIL_FROM), e.getMessage(), onFailure);
            SmtpRejectException refusal = onFailure.refusal();
            if (refusal != null) {
                throw refusal;
            }
            in.setBody(withVirusHeaders(message, List.of()));
            return;
        }
        if (!verdict.infected()) {
            in.setBody(withVirusHeaders(message, List.of(STATUS + ": No")));
            return;
        }
        LOG.info("{}: clamdScan: client={}, from=<{}>, status=infected ({}), action={}", queueId,
                in.getHeader(EnvelopeHeaders.CLIENT_ADDRESS), in.getHeader(EnvelopeHeaders.MAIL_FROM),
                verdict.signature(), action.name().toLowerCase(Locale.ROOT));
        if (action == Action.REJECT) {
            throw new SmtpRejectException(new SmtpReply(554, "5.7.1", "Virus found: " + verdict.signature()));
        }
        in.setBody(withVirusHeaders(message, List.of(STATUS + ": Yes", NAME + ": " + verdict.signature())));
    }

    private static byte[] withVirusHeaders(byte[] message, List<String> fields) {
        return HeaderEditor.edit(message, fields, name -> name.startsWith("x-virus-"));
    }
}
