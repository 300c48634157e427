package org.yubin.filter.dmarc;

import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.yubin.config.YubinProperties;
import org.yubin.filter.dkim.DkimVerifyProcessor;
import org.yubin.filter.spf.AuthDns;
import org.yubin.filter.spf.OwnMail;
import org.yubin.filter.spf.SpfResult;
import org.yubin.filter.spf.SpfVerdict;
import org.yubin.queue.EnvelopeHeaders;
import org.yubin.smtp.SmtpRejectException;
import org.yubin.smtp.SmtpReply;

/**
 * The DMARC step ({@code process: {ref: dmarcCheck}} in {@code routes/filters.yaml}, after
 * {@code dkimVerify} and {@code spfCheck}): aligns the From: domain with the SPF verdict
 * ({@link SpfVerdict#PROPERTY}) and the passing DKIM domains (exchange property
 * {@link DkimVerifyProcessor#PASS_DOMAINS}, set by {@code dkimVerify}) and leaves a {@link DmarcVerdict} in
 * {@link DmarcVerdict#PROPERTY}. With {@code yubin.dmarc.enforce: true} a failing message
 * whose policy asks for it is refused ({@code 550 5.7.1 Rejected by DMARC policy of <domain>})
 * or marked for quarantine (the {@code authenticationResults} step writes
 * {@code X-Yubin-Quarantine: dmarc}). Mail of our own users ({@link OwnMail}) skips it.
 * Thread-safe.
 */
@Component("dmarcCheck")
public class DmarcCheckProcessor implements Processor {

    /** Set to {@code dmarc} when an enforced policy asks for quarantine. */
    public static final String QUARANTINE = "YubinQuarantine";

    private static final Logger LOG = LoggerFactory.getLogger(DmarcCheckProcessor.class);

    private final DmarcEvaluator evaluator;
    private final boolean enabled;
    private final boolean enforce;

    public DmarcCheckProcessor(YubinProperties properties, AuthDns dns) {
        this.evaluator = new DmarcEvaluator(dns, () -> ThreadLocalRandom.current().nextInt(100));
        this.enabled = properties.getDmarc().isEnabled();
        this.enforce = properties.getDmarc().isEnforce();
        LOG.info("dmarcCheck: {}", !enabled ? "DMARC checking is off (yubin.dmarc.enabled is false)"
                : enforce ? "policies are enforced (reject, quarantine)" : "policies are reported, not enforced");
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        Message in = exchange.getIn();
        if (!enabled || OwnMail.is(in)) {
            return;
        }
        SpfVerdict spf = exchange.getProperty(SpfVerdict.PROPERTY, SpfVerdict.class);
        String spfPassDomain = spf != null && spf.result() == SpfResult.PASS ? spf.domain() : null;
        List<?> dkim = exchange.getProperty(DkimVerifyProcessor.PASS_DOMAINS, List.of(), List.class);
        DmarcVerdict verdict = evaluator.evaluate(FromDomain.of(in.getMandatoryBody(byte[].class)), spfPassDomain,
                dkim.stream().map(String::valueOf).toList());
        exchange.setProperty(DmarcVerdict.PROPERTY, verdict);
        String action = !enforce || verdict.disposition().equals("none") ? "none" : verdict.disposition();
        LOG.info("{}: dmarcCheck: client={}, from=<{}>, header.from={}, status={}, policy={}, action={}",
                in.getHeader(EnvelopeHeaders.QUEUE_ID), in.getHeader(EnvelopeHeaders.CLIENT_ADDRESS),
                in.getHeader(EnvelopeHeaders.MAIL_FROM), verdict.headerFrom(), verdict.result(),
                verdict.policy() == null ? "-" : verdict.policy(), action);
        if (action.equals("reject")) {
            throw new SmtpRejectException(new SmtpReply(550, "5.7.1", "Rejected by DMARC policy of " + verdict.headerFrom()));
        }
        if (action.equals("quarantine")) {
            exchange.setProperty(QUARANTINE, "dmarc");
        }
    }
}
