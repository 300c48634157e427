package org.yubin.queue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.support.DefaultMessage;
import org.apache.camel.support.ExpressionAdapter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.yubin.directory.Recipient;
import org.yubin.directory.RecipientResolver;

/**
 * Turns one accepted message into one message per final recipient, so that every
 * later step runs once per recipient, its failure or retry touches only that
 * recipient, and its state is durable on its own in the queue. Aliases are expanded
 * here; a mailbox reached through several addresses gets the message once.
 *
 * <p>Route use: {@code split: {ref: recipientSplitter}}, an expression: Camel calls it
 * directly, without the reflection and argument binding of a bean method call.
 */
@Component("recipientSplitter")
public class RecipientSplitter extends ExpressionAdapter {

    /** {@code local} or {@code remote}: which transport the recipient needs. */
    public static final String TRANSPORT = "YubinTransport";

    private static final Logger LOG = LoggerFactory.getLogger(RecipientSplitter.class);

    private final RecipientResolver resolver;

    public RecipientSplitter(RecipientResolver resolver) {
        this.resolver = resolver;
    }

    @Override
    public Object evaluate(Exchange exchange) {
        return split(exchange);
    }

    public List<Message> split(Exchange exchange) {
        Message in = exchange.getIn();
        String queueId = in.getHeader(EnvelopeHeaders.QUEUE_ID, String.class);
        Map<String, Message> byFinalAddress = new LinkedHashMap<>();
        for (String original : recipientsOf(in)) {
            for (Recipient recipient : resolver.expand(original)) {
                String key = recipient.address().toLowerCase(Locale.ROOT);
                if (byFinalAddress.containsKey(key)) {
                    LOG.info("{}: to=<{}>, orig_to=<{}>, status=duplicate (already queued for this recipient)",
                            queueId, recipient.address(), original);
                    continue;
                }
                byFinalAddress.put(key, copyFor(exchange, in, original, recipient));
            }
        }
        return new ArrayList<>(byFinalAddress.values());
    }

    private static List<String> recipientsOf(Message in) {
        String all = in.getHeader(EnvelopeHeaders.RECIPIENTS, "", String.class);
        return all.lines().map(String::strip).filter(line -> !line.isEmpty()).toList();
    }

    private static Message copyFor(Exchange exchange, Message in, String original, Recipient recipient) {
        Message copy = new DefaultMessage(exchange.getContext());
        copy.setHeaders(new HashMap<>(in.getHeaders()));
        copy.removeHeader(EnvelopeHeaders.RECIPIENTS);
        copy.setHeader(EnvelopeHeaders.RECIPIENT, recipient.address());
        copy.setHeader(EnvelopeHeaders.ORIGINAL_RECIPIENT, original);
        copy.setHeader(TRANSPORT, recipient instanceof Recipient.Remote ? "remote" : "local");
        copy.setBody(in.getBody());
        return copy;
    }
}
