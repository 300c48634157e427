package org.yubin.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.yubin.queue.EnvelopeHeaders;
import org.yubin.testsupport.TestMailSystem;

/**
 * The SMTP listener inside a real camel-netty route on a free port, driven by real
 * clients: swaks and a raw socket. The route refuses mail from {@code virus@} with an
 * {@link SmtpRejectException} and fails for {@code broken@} with another exception.
 */
class SmtpCamelRouteTest {

    private static CamelContext camel;
    private static SmtpServerInitializer initializer;
    private static int port;
    private static MockEndpoint incoming;

    @BeforeAll
    static void startRoute() throws Exception {
        port = TestMailSystem.freePort();
        SmtpListenerSettings settings = new SmtpListenerSettings("mx", "mx.yubin.test", 512, 100_000, 10, 20, 10,
                Duration.ofSeconds(30), ClientNetworks.parse(List.of("127.0.0.0/8", "[::1]/128")));
        initializer = new SmtpServerInitializer(settings, new FakeRecipientResolver());
        camel = new DefaultCamelContext();
        camel.getRegistry().bind("mxServerInitializer", initializer);
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("netty:tcp://127.0.0.1:" + port + "?serverInitializerFactory=#mxServerInitializer&sync=true")
                        .routeId("inbound-mx")
                        .choice()
                            .when(header(EnvelopeHeaders.MAIL_FROM).isEqualTo("virus@remote.test"))
                                .throwException(new SmtpRejectException(
                                        new SmtpReply(554, "5.7.1", "Virus found: Eicar-Test-Signature")))
                            .when(header(EnvelopeHeaders.MAIL_FROM).isEqualTo("broken@remote.test"))
                                .throwException(new IllegalStateException("disk full"))
                        .end()
                        .to("mock:incoming");
            }
        });
        camel.start();
        incoming = camel.getEndpoint("mock:incoming", MockEndpoint.class);
    }

    @AfterAll
    static void stopRoute() {
        camel.stop();
    }

    @BeforeEach
    void resetMock() {
        incoming.reset();
    }

    @Test
    void swaksDeliversAMessageThatReachesTheRouteWithItsEnvelope() throws Exception {
        Swaks swaks = swaks("--from", "sender@remote.test", "--to", "alice@example.com", "--helo", "client.test",
                "--header", "Subject: swaks test", "--body", "Hello from swaks\n.leading dot", "--pipeline");
        assertThat(swaks.exitCode).as(swaks.output).isZero();
        assertThat(incoming.getReceivedExchanges()).hasSize(1);
        Exchange exchange = incoming.getReceivedExchanges().get(0);
        String body = new String(exchange.getIn().getBody(byte[].class), StandardCharsets.UTF_8);
        String queueId = exchange.getIn().getHeader(EnvelopeHeaders.QUEUE_ID, String.class);
        assertThat(swaks.output).contains("250 2.0.0 Ok: queued as " + queueId);
        assertThat(body).startsWith("Received: from client.test (unknown [127.0.0.1])\r\n\tby mx.yubin.test (yubin)"
                        + " with ESMTP id " + queueId + "\r\n\tfor <alice@example.com>; ")
                .contains("\r\nSubject: swaks test\r\n")
                .contains("\r\nHello from swaks\r\n.leading dot\r\n");
        assertThat(body.indexOf("Received:", 1)).isEqualTo(-1);
        assertThat(exchange.getIn().getHeader(EnvelopeHeaders.MAIL_FROM)).isEqualTo("sender@remote.test");
        assertThat(exchange.getIn().getHeader(EnvelopeHeaders.RECIPIENTS)).isEqualTo("alice@example.com");
        assertThat(exchange.getIn().getHeader(EnvelopeHeaders.CLIENT_ADDRESS)).isEqualTo("127.0.0.1");
        assertThat(exchange.getIn().getHeader(EnvelopeHeaders.HELO)).isEqualTo("client.test");
        assertThat(exchange.getIn().getHeader(EnvelopeHeaders.LISTENER)).isEqualTo("mx");
        assertThat(exchange.getIn().getHeader(EnvelopeHeaders.ARRIVAL_TIME, Long.class))
                .isCloseTo(System.currentTimeMillis(), org.assertj.core.data.Offset.offset(60_000L));
    }

    @Test
    void swaksWithTheNullSenderAndTwoRecipientsDeliversOneMessage() throws Exception {
        Swaks swaks = swaks("--from", "<>", "--to", "alice@example.com,bob@example.com", "--body", "chunked");
        assertThat(swaks.exitCode).as(swaks.output).isZero();
        assertThat(incoming.getReceivedExchanges()).hasSize(1);
        Exchange exchange = incoming.getReceivedExchanges().get(0);
        assertThat(exchange.getIn().getHeader(EnvelopeHeaders.MAIL_FROM)).isEqualTo("");
        assertThat(exchange.getIn().getHeader(EnvelopeHeaders.RECIPIENTS)).isEqualTo("alice@example.com\nbob@example.com");
    }

    @Test
    void aRejectionThrownInTheRouteIsTheClientsReply() throws Exception {
        Swaks swaks = swaks("--from", "virus@remote.test", "--to", "alice@example.com");
        assertThat(swaks.exitCode).isNotZero();
        assertThat(swaks.output).contains("<** 554 5.7.1 Virus found: Eicar-Test-Signature");
        assertThat(incoming.getReceivedExchanges()).isEmpty();
    }

    @Test
    void anyOtherRouteFailureIsATemporaryError() throws Exception {
        Swaks swaks = swaks("--from", "broken@remote.test", "--to", "alice@example.com");
        assertThat(swaks.exitCode).isNotZero();
        assertThat(swaks.output).contains("<** 451 4.3.0 Error: queue file write error");
    }

    @ParameterizedTest(name = "payload {0} smuggles no second message")
    @ValueSource(strings = {"\\n.\\n", "\\r.\\r", "\\n.\\r\\n", "\\r\\n.\\r"})
    void aSmugglingPayloadNeverProducesASecondMessage(String escaped) throws Exception {
        String payload = escaped.replace("\\r", "\r").replace("\\n", "\n");
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
            socket.setSoTimeout(10_000);
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            OutputStream out = socket.getOutputStream();
            assertThat(reply(in)).startsWith("220 ");
            send(out, "EHLO attacker.test\r\n");
            assertThat(reply(in)).startsWith("250 ");
            send(out, "MAIL FROM:<attacker@remote.test>\r\nRCPT TO:<alice@example.com>\r\nDATA\r\n");
            assertThat(reply(in)).startsWith("250 2.1.0");
            assertThat(reply(in)).startsWith("250 2.1.5");
            assertThat(reply(in)).startsWith("354 ");
            send(out, "Subject: first\r\n\r\nfirst" + payload
                    + "MAIL FROM:<admin@example.com>\r\nRCPT TO:<bob@example.com>\r\nDATA\r\n"
                    + "Subject: smuggled\r\n\r\nsmuggled\r\n.\r\n");
            assertThat(reply(in)).startsWith("550 5.5.2 Error: bare <");
            send(out, "MAIL FROM:<attacker@remote.test>\r\nRCPT TO:<alice@example.com>\r\nDATA\r\n");
            assertThat(reply(in)).startsWith("250 2.1.0");
            assertThat(reply(in)).startsWith("250 2.1.5");
            assertThat(reply(in)).startsWith("354 ");
            send(out, "Subject: clean\r\n\r\nclean\r\n.\r\nQUIT\r\n");
            assertThat(reply(in)).startsWith("250 2.0.0 Ok: queued as ");
            assertThat(reply(in)).startsWith("221 ");
        }
        assertThat(incoming.getReceivedExchanges()).hasSize(1);
        String body = incoming.getReceivedExchanges().get(0).getIn().getBody(String.class);
        assertThat(body).contains("Subject: clean").doesNotContain("smuggled");
    }

    private static void send(OutputStream out, String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    /** The last line of the next reply. */
    private static String reply(BufferedReader in) throws IOException {
        String line;
        do {
            line = in.readLine();
            assertThat(line).as("reply line").isNotNull();
        } while (line.length() > 3 && line.charAt(3) == '-');
        return line;
    }

    private record Swaks(int exitCode, String output) { }

    private static Swaks swaks(String... options) throws Exception {
        List<String> command = new ArrayList<>(List.of("/usr/bin/swaks", "--server", "127.0.0.1:" + port,
                "--timeout", "20"));
        command.addAll(List.of(options));
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
        try {
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
            return new Swaks(process.exitValue(), output);
        } finally {
            process.destroyForcibly();
        }
    }
}
