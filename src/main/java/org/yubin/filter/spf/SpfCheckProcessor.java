package org.yubin.filter.spf;

import java.net.InetAddress;
import java.net.UnknownHostException;

import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.yubin.config.YubinProperties;
import org.yubin.queue.EnvelopeHeaders;

/**
 * The SPF step ({@code process: {ref: spfCheck}} in {@code routes/filters.yaml}): checks the
 * MAIL FROM domain (the HELO name for the null sender) against the client's address
 * (RFC 7208, {@link SpfEvaluator}) and leaves a {@link SpfVerdict} in the exchange property
 * {@link SpfVerdict#PROPERTY} for {@code dmarcCheck} and {@code authenticationResults}.
 * It never refuses mail itself: the verdict is advice for DMARC, Sieve and the user.
 * Mail of our own users ({@link OwnMail}) and {@code yubin.spf.enabled: false} skip it.
 * Thread-safe.
 */
@Component("spfCheck")
public class SpfCheckProcessor implements Processor {

    private static final Logger LOG = LoggerFactory.getLogger(SpfCheckProcessor.class);

    private final SpfEvaluator evaluator;
    private final boolean enabled;

    public SpfCheckProcessor(YubinProperties properties, AuthDns dns) {
        this.evaluator = new SpfEvaluator(dns);
        this.enabled = properties.getSpf().isEnabled();
        if (!enabled) {
            LOG.info("spfCheck: SPF checking is off (yubin.spf.enabled is false)");
        }
    }

    @Override
    public void process(Exchange exchange) {
        Message in = exchange.getIn();
        if (!enabled || OwnMail.is(in)) {
            return;
        }
        String mailFrom = in.getHeader(EnvelopeHeaders.MAIL_FROM, "", String.class);
        String helo = in.getHeader(EnvelopeHeaders.HELO, "", String.class);
        String client = in.getHeader(EnvelopeHeaders.CLIENT_ADDRESS, "", String.class);
        SpfVerdict verdict;
        if (mailFrom.isEmpty()) {
            verdict = new SpfVerdict(check(client, helo, "postmaster@" + helo, helo), "smtp.helo", helo, helo);
        } else {
            int at = mailFrom.lastIndexOf('@');
            String domain = mailFrom.substring(at + 1);
            String sender = at < 0 ? "postmaster@" + mailFrom : mailFrom;
            verdict = new SpfVerdict(check(client, domain, sender, helo), "smtp.mailfrom", mailFrom, domain);
        }
        exchange.setProperty(SpfVerdict.PROPERTY, verdict);
        LOG.info("{}: spfCheck: client={}, from=<{}>, helo={}, status={}", in.getHeader(EnvelopeHeaders.QUEUE_ID),
                client, mailFrom, helo, verdict.result());
    }

    private SpfResult check(String client, String domain, String sender, String helo) {
        InetAddress ip;
        try {
            // an IP literal only: getByName must not turn into a DNS query here
            if (client.isEmpty() || !client.matches("[0-9A-Fa-f.:]+")) {
                return SpfResult.NONE;
            }
            ip = InetAddress.getByName(client);
        } catch (UnknownHostException e) {
            return SpfResult.NONE;
        }
        return evaluator.checkHost(ip, domain.toLowerCase(java.util.Locale.ROOT), sender, helo);
    }
}
