package org.yubin.filter.dkim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.List;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yubin.config.YubinProperties;
import org.yubin.queue.EnvelopeHeaders;

/** Which mail dkimSign signs, and what dkimVerify leaves for DMARC. */
class DkimSignProcessorTest {

    private static final String MESSAGE = "From: Alice <alice@Example.com>\r\nTo: bob@example.org\r\n"
            + "Subject: hi\r\n\r\nbody\r\n";

    @TempDir
    Path dataDir;

    private final CamelContext camel = new DefaultCamelContext();

    @Test
    void authenticatedLocalAndMynetworksMailOfADomainWithAKeyIsSignedOtherMailIsNot() throws Exception {
        YubinProperties properties = properties();
        KeyPair pair = DkimKeys.generate(DkimAlgorithm.ED25519_SHA256);
        DkimKeys.write(dataDir.resolve("dkim"), "example.com", "ed1", pair.getPrivate(), "", false);
        DkimSignProcessor processor = new DkimSignProcessor(properties);

        assertThat(signed(processor, exchange(MESSAGE, EnvelopeHeaders.AUTH_USER, "alice@example.com")))
                .startsWith("DKIM-Signature: v=1; a=ed25519-sha256; c=relaxed/relaxed; d=example.com;\r\n\ts=ed1;");
        assertThat(signed(processor, exchange(MESSAGE, EnvelopeHeaders.LISTENER, "local"))).startsWith("DKIM-Signature:");
        assertThat(signed(processor, exchange(MESSAGE, EnvelopeHeaders.LISTENER, "mx"))).isEqualTo(MESSAGE);
        assertThat(signed(processor, exchange(MESSAGE, EnvelopeHeaders.CLIENT_ADDRESS, "127.0.0.1")))
                .as("a client in mynetworks").startsWith("DKIM-Signature:");
        assertThat(signed(processor, exchange(MESSAGE, EnvelopeHeaders.CLIENT_ADDRESS, "192.0.2.7"))).isEqualTo(MESSAGE);
        String otherDomain = MESSAGE.replace("alice@Example.com", "alice@example.net");
        assertThat(signed(processor, exchange(otherDomain, EnvelopeHeaders.AUTH_USER, "alice"))).isEqualTo(otherDomain);
    }

    @Test
    void verificationResultsAreExchangePropertiesAndAnUnsignedMessageGetsEmptyLists() throws Exception {
        YubinProperties properties = properties();
        properties.getDns().setServers(List.of("127.0.0.1:9"));
        Exchange exchange = exchange(MESSAGE, EnvelopeHeaders.LISTENER, "mx");
        new DkimVerifyProcessor(properties).process(exchange);
        assertThat(exchange.getProperty(DkimVerifyProcessor.RESULTS, List.class)).isEmpty();
        assertThat(exchange.getProperty(DkimVerifyProcessor.PASS_DOMAINS, List.class)).isEmpty();
    }

    @Test
    void wrongSettingsFailTheStartNamingTheSetting() {
        YubinProperties properties = properties();
        properties.getDkim().setCanonicalization("loose/simple");
        assertThatThrownBy(() -> new DkimSignProcessor(properties)).hasMessageStartingWith("yubin.dkim.canonicalization:");
        properties.getDkim().setCanonicalization("simple");
        properties.getDkim().setSelector("../x");
        assertThatThrownBy(() -> new DkimSignProcessor(properties)).hasMessageStartingWith("yubin.dkim.selector:");
    }

    private YubinProperties properties() {
        YubinProperties properties = new YubinProperties();
        properties.setDataDir(dataDir);
        return properties;
    }

    private Exchange exchange(String message, String header, String value) {
        Exchange exchange = new DefaultExchange(camel);
        exchange.getIn().setBody(message.getBytes(StandardCharsets.ISO_8859_1));
        exchange.getIn().setHeader(EnvelopeHeaders.QUEUE_ID, "Q1");
        exchange.getIn().setHeader(header, value);
        return exchange;
    }

    private static String signed(DkimSignProcessor processor, Exchange exchange) throws Exception {
        processor.process(exchange);
        return new String(exchange.getIn().getBody(byte[].class), StandardCharsets.ISO_8859_1);
    }
}
