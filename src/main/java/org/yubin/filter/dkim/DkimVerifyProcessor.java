package org.yubin.filter.dkim;

import java.time.Clock;
import java.util.List;
import java.util.stream.Collectors;

import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.yubin.config.YubinProperties;
import org.yubin.queue.EnvelopeHeaders;

/**
 * The verification step ({@code process: {ref: dkimVerify}}, first in
 * {@code routes/filters.yaml}, before any step changes the message): verifies up to
 * {@code yubin.dkim.max-signatures} DKIM-Signature fields with keys from DNS
 * ({@code yubin.dns.servers}) and leaves the results in two exchange properties for the
 * DMARC step and the Authentication-Results field:
 * <ul>
 * <li>{@value #RESULTS}: {@code List<String>}, one RFC 8601 resinfo per signature without
 *     the method name ({@code pass header.d=example.com header.s=mx0 header.b=AbCdEfGh});
 *     empty when the message has no signature (dkim=none);</li>
 * <li>{@value #PASS_DOMAINS}: {@code List<String>}, the {@code d=} domains that passed.</li>
 * </ul>
 * It never refuses a message (DMARC decides) and never changes it. Thread-safe.
 */
@Component("dkimVerify")
public class DkimVerifyProcessor implements Processor {

    public static final String RESULTS = "YubinDkimResults";
    public static final String PASS_DOMAINS = "YubinDkimPassDomains";

    private static final Logger LOG = LoggerFactory.getLogger(DkimVerifyProcessor.class);

    private final DkimVerifier verifier;

    public DkimVerifyProcessor(YubinProperties properties) {
        int limit = properties.getDkim().getMaxSignatures();
        if (limit < 1) {
            throw new IllegalArgumentException("yubin.dkim.max-signatures must be at least 1");
        }
        this.verifier = new DkimVerifier(
                new DnsKeyLookup(properties.getDns().getServers(), properties.getDns().getTimeout()),
                limit, Clock.systemUTC());
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        Message in = exchange.getIn();
        List<DkimResult> results = verifier.verify(in.getMandatoryBody(byte[].class));
        if (results.isEmpty()) {
            // unsigned, as most mail is: dkim=none
            exchange.setProperty(RESULTS, List.of());
            exchange.setProperty(PASS_DOMAINS, List.of());
        } else {
            exchange.setProperty(RESULTS, results.stream().map(DkimResult::resinfo).collect(Collectors.toList()));
            exchange.setProperty(PASS_DOMAINS, results.stream().filter(DkimResult::passed).map(DkimResult::domain)
                    .distinct().collect(Collectors.toList()));
            LOG.info("{}: dkimVerify: client={}, from=<{}>, {}", in.getHeader(EnvelopeHeaders.QUEUE_ID),
                    in.getHeader(EnvelopeHeaders.CLIENT_ADDRESS), in.getHeader(EnvelopeHeaders.MAIL_FROM),
                    results.stream().map(r -> "dkim=" + r.resinfo()).collect(Collectors.joining(", ")));
        }
    }
}
