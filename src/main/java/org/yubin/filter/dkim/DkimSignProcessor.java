package org.yubin.filter.dkim;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;
import org.yubin.config.YubinProperties;
import org.yubin.queue.EnvelopeHeaders;
import org.yubin.smtp.ClientNetworks;

/**
 * The signing step ({@code process: {ref: dkimSign}}, last in {@code routes/filters.yaml} so
 * that the fields other steps add are in place): mail from an authenticated user
 * ({@code YubinAuthUser} set), from local submission ({@code YubinListener} {@code local})
 * or from a client in {@code yubin.mynetworks} whose From domain has a key in {@code <data-dir>/dkim/} gets a DKIM-Signature field on
 * top ({@link DkimSigner}); other mail passes untouched. A key that cannot be used is
 * logged and the message goes on unsigned: signing never holds mail back. Thread-safe.
 */
@Component("dkimSign")
public class DkimSignProcessor implements Processor {

    private static final Logger LOG = LoggerFactory.getLogger(DkimSignProcessor.class);
    private static final Pattern ADDRESS_DOMAIN = Pattern.compile("@([A-Za-z0-9.-]+)$");

    private final DkimKeyStore keys;
    private final Canonicalization headerCanonicalization;
    private final Canonicalization bodyCanonicalization;
    private final YubinProperties.Dkim settings;
    private final Clock clock;
    private final ClientNetworks mynetworks;

    @Autowired
    public DkimSignProcessor(YubinProperties properties) {
        this(properties, Clock.systemUTC());
    }

    DkimSignProcessor(YubinProperties properties, Clock clock) {
        this.settings = properties.getDkim();
        String[] c = settings.getCanonicalization().split("/", -1);
        try {
            if (c.length > 2) {
                throw new IllegalArgumentException("more than header/body");
            }
            this.headerCanonicalization = Canonicalization.parse(c[0]);
            this.bodyCanonicalization = c.length > 1 ? Canonicalization.parse(c[1]) : Canonicalization.SIMPLE;
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("yubin.dkim.canonicalization: expected relaxed/relaxed, simple/simple,"
                    + " relaxed/simple or simple/relaxed, got '" + settings.getCanonicalization() + "'");
        }
        if (!DkimKeys.SELECTOR.matcher(settings.getSelector()).matches()) {
            throw new IllegalArgumentException("yubin.dkim.selector: not a DNS label: '" + settings.getSelector() + "'");
        }
        this.keys = new DkimKeyStore(properties.getDataDir().resolve("dkim"), settings.getSelector());
        this.clock = clock;
        this.mynetworks = ClientNetworks.parse(properties.getMynetworks());
    }

    /** Authenticated, local, or from mynetworks (Postfix's permit_mynetworks senders are ours too). */
    private boolean isOurs(Message in) {
        if (in.getHeader(EnvelopeHeaders.AUTH_USER) != null || "local".equals(in.getHeader(EnvelopeHeaders.LISTENER))) {
            return true;
        }
        String client = in.getHeader(EnvelopeHeaders.CLIENT_ADDRESS, String.class);
        if (client == null || client.isEmpty()) {
            return false;
        }
        try {
            // a literal address: no DNS look-up happens
            return mynetworks.contains(InetAddress.getByName(client));
        } catch (UnknownHostException notAnAddress) {
            return false;
        }
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        Message in = exchange.getIn();
        if (keys.isEmpty() || !isOurs(in)) {
            return;
        }
        byte[] message = in.getMandatoryBody(byte[].class);
        Optional<String> domain = fromDomain(ParsedMessage.parse(message));
        Optional<DkimKeyStore.SigningKey> key = domain.flatMap(keys::keyFor);
        if (key.isEmpty()) {
            return;
        }
        String queueId = in.getHeader(EnvelopeHeaders.QUEUE_ID, String.class);
        DkimSigner signer = new DkimSigner(domain.get(), key.get().selector(), key.get().key(),
                headerCanonicalization, bodyCanonicalization, settings.getHeaders(), clock);
        try {
            in.setBody(signer.sign(message));
        } catch (GeneralSecurityException e) {
            LOG.warn("{}: dkimSign: from=<{}>, d={}, s={}, status=unsigned ({})", queueId,
                    in.getHeader(EnvelopeHeaders.MAIL_FROM), domain.get(), key.get().selector(), e.getMessage());
            return;
        }
        LOG.info("{}: dkimSign: from=<{}>, d={}, s={}, a={}, status=signed", queueId,
                in.getHeader(EnvelopeHeaders.MAIL_FROM), domain.get(), key.get().selector(), signer.algorithm().tag());
    }

    /** The domain of the first From field's address, lower case. */
    static Optional<String> fromDomain(ParsedMessage message) {
        return message.fields().stream()
                .filter(f -> ParsedMessage.isNamed(f, "from"))
                .findFirst()
                .map(ParsedMessage::valueOf)
                .map(value -> {
                    int open = value.lastIndexOf('<');
                    int close = value.indexOf('>', open + 1);
                    return open >= 0 && close > open ? value.substring(open + 1, close) : value;
                })
                .map(address -> ADDRESS_DOMAIN.matcher(address.strip()))
                .filter(Matcher::find)
                .map(matcher -> matcher.group(1).toLowerCase(Locale.ROOT));
    }
}
