package org.yubin.filter;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.support.DefaultExchange;
import org.yubin.directory.MailUser;
import org.yubin.directory.Recipient;
import org.yubin.directory.RecipientResolver;
import org.yubin.queue.EnvelopeHeaders;

/** Exchanges as the SMTP listeners make them, and a small directory, for filter tests. */
final class FilterTestSupport {

    /** The EICAR test file (68 bytes), which every virus scanner reports. */
    static final String EICAR = "X5O!P%@AP[4\\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*";
    /** SpamAssassin's GTUBE string, which scores 1000. */
    static final String GTUBE = "XJS*C4JDBQADN1.NSBN3*2IDNEN*GTUBE-STANDARD-ANTI-UBE-TEST-EMAIL*C.34X";

    private FilterTestSupport() {
    }

    /** A message as the session hands it over: our Received field on top, CRLF lines. */
    static byte[] message(String subject, String body) {
        return ("Received: from client.remote.test (client.remote.test [192.0.2.7])\r\n"
                + "\tby mx.example.test (yubin) with ESMTP id 4XyZ1;\r\n\tMon, 1 Jan 2024 00:00:00 +0000\r\n"
                + "From: sender@remote.test\r\nTo: alice@example.com\r\nSubject: " + subject + "\r\n"
                + "Date: Mon, 1 Jan 2024 00:00:00 +0000\r\nMessage-ID: <" + subject.hashCode() + "@remote.test>\r\n\r\n"
                + body + "\r\n").getBytes(StandardCharsets.US_ASCII);
    }

    static Exchange exchange(CamelContext context, byte[] message, String... recipients) {
        Exchange exchange = new DefaultExchange(context);
        exchange.getIn().setBody(message);
        exchange.getIn().setHeader(EnvelopeHeaders.QUEUE_ID, "4XyZ1");
        exchange.getIn().setHeader(EnvelopeHeaders.MAIL_FROM, "sender@remote.test");
        exchange.getIn().setHeader(EnvelopeHeaders.RECIPIENTS, String.join("\n", recipients));
        exchange.getIn().setHeader(EnvelopeHeaders.CLIENT_ADDRESS, "192.0.2.7");
        return exchange;
    }

    static String body(Exchange exchange) {
        return new String(exchange.getIn().getBody(byte[].class), StandardCharsets.US_ASCII);
    }

    /** Hosts example.com with alice and bob; {@code team@example.com} is an alias of both; others are remote. */
    static final RecipientResolver DIRECTORY = new RecipientResolver() {
        @Override
        public Recipient resolve(String address) {
            String lower = address.toLowerCase(Locale.ROOT);
            if (lower.equals("team@example.com")) {
                return new Recipient.Alias(address, List.of("alice@example.com", "bob@example.com"));
            }
            if (lower.equals("alice@example.com") || lower.equals("bob@example.com")) {
                return new Recipient.Local(address, new MailUser(lower, "cn=" + lower, Path.of("/var/mail", lower),
                        5000, 5000, List.of(lower)));
            }
            return lower.endsWith("@example.com") ? new Recipient.Unknown(address) : new Recipient.Remote(address);
        }

        @Override
        public List<Recipient> expand(String address) {
            Recipient recipient = resolve(address);
            if (recipient instanceof Recipient.Alias alias) {
                return alias.targets().stream().map(this::resolve).toList();
            }
            return List.of(recipient);
        }
    };
}
