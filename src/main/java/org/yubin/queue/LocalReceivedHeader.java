package org.yubin.queue;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.yubin.config.YubinProperties;

/**
 * Prepends the trace header of a locally submitted message ({@code ops/sendmail}), as
 * Postfix's pickup does:
 * <pre>
 * Received: by mx.example.com (yubin, from userid 1000)
 * 	id 0123456789ABCDEFG; Tue, 3 Jun 2025 10:00:00 +0900
 * </pre>
 * and logs the submission in one line. Route use: {@code process: {ref: localReceivedHeader}}.
 */
@Component("localReceivedHeader")
public class LocalReceivedHeader implements Processor {

    private static final Logger LOG = LoggerFactory.getLogger(LocalReceivedHeader.class);
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("EEE, d MMM yyyy HH:mm:ss Z", Locale.ROOT);

    private final String hostname;

    public LocalReceivedHeader(YubinProperties properties) {
        this.hostname = properties.effectiveHostname();
    }

    @Override
    public void process(Exchange exchange) {
        Message in = exchange.getIn();
        String queueId = in.getHeader(EnvelopeHeaders.QUEUE_ID, "", String.class);
        String user = printable(in.getHeader(EnvelopeHeaders.LOCAL_USER, "unknown", String.class));
        Long arrival = in.getHeader(EnvelopeHeaders.ARRIVAL_TIME, Long.class);
        ZonedDateTime date = Instant.ofEpochMilli(arrival == null ? System.currentTimeMillis() : arrival)
                .atZone(ZoneId.systemDefault());
        byte[] received = ("Received: by " + hostname + " (yubin, from userid " + user + ")\r\n\tid "
                + printable(queueId) + "; " + DATE.format(date) + "\r\n").getBytes(StandardCharsets.UTF_8);
        byte[] content = in.getBody(byte[].class);
        byte[] message = new byte[received.length + content.length];
        System.arraycopy(received, 0, message, 0, received.length);
        System.arraycopy(content, 0, message, received.length, content.length);
        in.setBody(message);
        in.setHeader(EnvelopeHeaders.LISTENER, "local");
        String recipients = in.getHeader(EnvelopeHeaders.RECIPIENTS, "", String.class);
        LOG.info("{}: uid={} from=<{}>, size={}, nrcpt={} (local submission)", printable(queueId), user,
                printable(in.getHeader(EnvelopeHeaders.MAIL_FROM, "", String.class)), content.length,
                recipients.lines().filter(r -> !r.isBlank()).count());
    }

    private static String printable(String text) {
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().forEach(c -> out.appendCodePoint(Character.isISOControl(c) || c == ' ' ? '?' : c));
        return out.toString();
    }
}
