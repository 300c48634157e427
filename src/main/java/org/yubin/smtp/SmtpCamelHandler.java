package org.yubin.smtp;

import io.netty.channel.ChannelHandlerContext;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.component.netty.NettyConsumer;
import org.apache.camel.component.netty.handlers.ServerChannelHandler;
import org.yubin.queue.EnvelopeHeaders;

/**
 * The last handler of an SMTP pipeline: turns each {@link AcceptedMessage} into a Camel
 * exchange for the consumer's route, body = the message bytes, envelope in the
 * {@link EnvelopeHeaders} headers. camel-netty writes the outcome back through the
 * pipeline (with {@code sync=true}); {@link SmtpSessionHandler} turns it into the reply.
 * The exchange does not get the headers camel-netty would add (handler context, addresses):
 * they are not serialisable, would not survive the JMS queue, and nothing reads them.
 */
public final class SmtpCamelHandler extends ServerChannelHandler {

    /** Written back for a route that completed; the body itself is never sent to the client. */
    static final Object QUEUED = new Object() {
        @Override
        public String toString() {
            return "queued";
        }
    };

    private final NettyConsumer consumer;

    public SmtpCamelHandler(NettyConsumer consumer) {
        super(consumer);
        this.consumer = consumer;
    }

    @Override
    protected Exchange createExchange(ChannelHandlerContext ctx, Object message) {
        if (!(message instanceof AcceptedMessage accepted)) {
            throw new IllegalArgumentException("expected an AcceptedMessage, got " + message.getClass().getName());
        }
        Exchange exchange = consumer.createExchange(false);
        Message in = exchange.getIn();
        in.setBody(accepted.content());
        in.setHeader(EnvelopeHeaders.QUEUE_ID, accepted.queueId());
        in.setHeader(EnvelopeHeaders.MAIL_FROM, accepted.mailFrom());
        in.setHeader(EnvelopeHeaders.RECIPIENTS, String.join("\n", accepted.recipients()));
        in.setHeader(EnvelopeHeaders.CLIENT_ADDRESS, accepted.clientAddress());
        in.setHeader(EnvelopeHeaders.HELO, accepted.helo());
        in.setHeader(EnvelopeHeaders.ARRIVAL_TIME, accepted.arrivalTime());
        in.setHeader(EnvelopeHeaders.LISTENER, accepted.listener());
        if (accepted.authUser() != null) {
            in.setHeader(EnvelopeHeaders.AUTH_USER, accepted.authUser());
        }
        return exchange;
    }

    @Override
    protected Object getResponseBody(Exchange exchange) {
        return exchange.getException() != null ? exchange.getException() : QUEUED;
    }
}
