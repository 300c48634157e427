package org.yubin.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;

import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;
import org.yubin.queue.EnvelopeHeaders;
import org.yubin.smtp.SmtpRejectException;
import org.yubin.smtp.SmtpReply;

class FilterRejectBounceTest {

    private final FilterRejectBounce bounce = new FilterRejectBounce("mx.example.test");

    private static Exchange refused(String sender, SmtpReply reply) {
        Exchange exchange = new DefaultExchange(new DefaultCamelContext());
        exchange.getMessage().setHeader(EnvelopeHeaders.QUEUE_ID, "Q1");
        exchange.getMessage().setHeader(EnvelopeHeaders.MAIL_FROM, sender);
        exchange.getMessage().setHeader(EnvelopeHeaders.RECIPIENTS, "bob@example.com\ncarol@example.com\n");
        exchange.getMessage().setHeader(EnvelopeHeaders.ARRIVAL_TIME, 1_700_000_000_000L);
        exchange.getMessage().setBody("Subject: x\r\n\r\nbody\r\n".getBytes(StandardCharsets.US_ASCII));
        exchange.setProperty(Exchange.EXCEPTION_CAUGHT, new SmtpRejectException(reply));
        return exchange;
    }

    @Test
    void aPermanentRefusalBecomesOneDsnToTheSenderWithABlockPerRecipient() {
        Exchange exchange = refused("alice@example.com", new SmtpReply(554, "5.7.1", "Spam message rejected"));

        bounce.process(exchange);

        assertThat(exchange.getProperty(DsnFields.OUTCOME)).isEqualTo(DsnFields.OUTCOME_QUEUED);
        assertThat(exchange.getMessage().getHeader(EnvelopeHeaders.MAIL_FROM)).isEqualTo("");
        assertThat(exchange.getMessage().getHeader(EnvelopeHeaders.RECIPIENTS)).isEqualTo("alice@example.com");
        String dsn = exchange.getMessage().getBody(String.class);
        for (String rcpt : new String[] {"bob@example.com", "carol@example.com"}) {
            assertThat(dsn).contains("\r\nFinal-Recipient: rfc822; " + rcpt + "\r\nAction: failed\r\nStatus: 5.7.1\r\n"
                    + "Diagnostic-Code: smtp; 554 5.7.1 Spam message rejected\r\n");
        }
        assertThat(dsn).contains("X-Yubin-Queue-ID: Q1\r\n").contains("\r\nSubject: x\r\n").doesNotContain("body");
    }

    @Test
    void theNullSenderGetsNoDsn() {
        Exchange exchange = refused("", new SmtpReply(554, "5.7.1", "Virus found: X"));

        bounce.process(exchange);

        assertThat(exchange.getProperty(DsnFields.OUTCOME)).isEqualTo(DsnFields.OUTCOME_NONE);
        assertThat(exchange.getMessage().getHeader(EnvelopeHeaders.QUEUE_ID)).isEqualTo("Q1");
    }

    @Test
    void aTemporaryRefusalIsThrownAgainForARetry() {
        SmtpReply tempfail = new SmtpReply(451, "4.7.1", "Content check temporarily unavailable, try again later");
        Exchange exchange = refused("alice@example.com", tempfail);

        assertThatThrownBy(() -> bounce.process(exchange)).isInstanceOf(SmtpRejectException.class)
                .satisfies(e -> assertThat(((SmtpRejectException) e).reply()).isEqualTo(tempfail));
        assertThat(exchange.getProperty(DsnFields.OUTCOME)).isNull();
    }
}
