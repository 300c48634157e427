package org.yubin.smtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

import io.netty.handler.ssl.SslContext;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.yubin.queue.EnvelopeHeaders;
import org.yubin.smtp.hook.SmtpPolicy;
import org.yubin.testsupport.LogCapture;
import org.yubin.testsupport.Temp;
import org.yubin.tls.CertificateSource;
import org.yubin.tls.ListenerTls;
import org.yubin.tls.ServerTlsContext;
import org.yubin.tls.SniCertificateStore;
import org.yubin.tls.TestCertificates;
import org.yubin.tls.TestCertificates.KeyKind;
import org.yubin.testsupport.TestMailSystem;
import org.yubin.testsupport.TrustAllTls;

/**
 * STARTTLS on an MX listener and implicit TLS on an SMTPS listener, each in a real
 * camel-netty route on a free port, with two configured host names (RSA and EC) and a
 * third whose files a test replaces. Peers: swaks, {@code openssl s_client} and a raw
 * socket for the pipelining attack of CVE-2011-0411.
 */
class SmtpTlsRouteTest {

    private static final Path DIR = Temp.dir("smtp-tls");

    private static CamelContext camel;
    private static SniCertificateStore certificates;
    private static SmtpServerInitializer mx;
    private static SmtpServerInitializer smtps;
    private static int mxPort;
    private static int smtpsPort;
    private static MockEndpoint incoming;
    private static TestCertificates.Pair replaceable;

    @BeforeAll
    static void startRoutes() throws Exception {
        TestCertificates.Pair a = TestCertificates.create(DIR, "a", "a.yubin.test", KeyKind.RSA_PKCS8);
        TestCertificates.Pair b = TestCertificates.create(DIR, "b", "b.yubin.test", KeyKind.EC_TRADITIONAL);
        replaceable = TestCertificates.create(DIR, "c", "c.yubin.test", KeyKind.EC_PKCS8, "/O=first");
        certificates = SniCertificateStore.create(List.of(
                new CertificateSource(List.of("a.yubin.test"), a.cert(), a.key()),
                new CertificateSource(List.of("b.yubin.test"), b.cert(), b.key()),
                new CertificateSource(List.of("c.yubin.test"), replaceable.cert(), replaceable.key())),
                DIR, "unused.yubin.test", Duration.ofMillis(200), Clock.systemUTC());
        SslContext context = ServerTlsContext.build(certificates);
        mx = listener("mx", ListenerTls.startTls(context));
        smtps = listener("smtps", ListenerTls.implicit(context));
        mxPort = TestMailSystem.freePort();
        smtpsPort = TestMailSystem.freePort();
        camel = new DefaultCamelContext();
        camel.getRegistry().bind("mxServerInitializer", mx);
        camel.getRegistry().bind("smtpsServerInitializer", smtps);
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("netty:tcp://127.0.0.1:" + mxPort + "?serverInitializerFactory=#mxServerInitializer&sync=true")
                        .routeId("inbound-mx").to("mock:incoming");
                from("netty:tcp://127.0.0.1:" + smtpsPort + "?serverInitializerFactory=#smtpsServerInitializer&sync=true")
                        .routeId("inbound-smtps").to("mock:incoming");
            }
        });
        camel.start();
        incoming = camel.getEndpoint("mock:incoming", MockEndpoint.class);
    }

    private static SmtpServerInitializer listener(String name, ListenerTls tls) {
        SmtpListenerSettings settings = new SmtpListenerSettings(name, "mx.yubin.test", 512, 100_000, 10, 20, 10,
                Duration.ofSeconds(30), ClientNetworks.parse(List.of("127.0.0.0/8")));
        return new SmtpServerInitializer(settings, new FakeRecipientResolver(), tls, SmtpPolicy.standard(settings),
                Clock.systemDefaultZone());
    }

    @AfterAll
    static void stopRoutes() {
        camel.stop();
        certificates.close();
    }

    @BeforeEach
    void resetMock() {
        incoming.reset();
    }

    @Test
    void swaksWithStartTlsOnTheMxDeliversAndReceivedNamesTheTlsVersionAndCipher() throws Exception {
        Result swaks = run("/usr/bin/swaks", "--server", "127.0.0.1:" + mxPort, "--timeout", "20", "--tls",
                "--from", "sender@remote.test", "--to", "alice@example.com", "--helo", "client.test",
                "--header", "Subject: over STARTTLS");

        assertThat(swaks.exitCode).as(swaks.output).isZero();
        assertThat(swaks.output).contains("<-  220 2.0.0 Ready to start TLS", "TLS started with cipher TLSv1.3:");
        Exchange exchange = incoming.getReceivedExchanges().get(0);
        String body = exchange.getIn().getBody(String.class);
        assertThat(body).matches("(?s)Received: from client\\.test \\(unknown \\[127\\.0\\.0\\.1\\]\\)\r\n"
                + "\t\\(using TLSv1\\.3 with cipher TLS_AES_(256_GCM_SHA384 \\(256/256|128_GCM_SHA256 \\(128/128) bits\\)\\)\r\n"
                + "\tby mx\\.yubin\\.test \\(yubin\\) with ESMTPS id [0-9A-Z]+\r\n\tfor <alice@example\\.com>; .*")
                .contains("Subject: over STARTTLS");
        assertThat(exchange.getIn().getHeader(EnvelopeHeaders.LISTENER)).isEqualTo("mx");
    }

    @Test
    void swaksWithImplicitTlsOnTheSmtpsPortDelivers() throws Exception {
        Result swaks = run("/usr/bin/swaks", "--server", "127.0.0.1:" + smtpsPort, "--timeout", "20", "--tlsc",
                "--from", "sender@remote.test", "--to", "bob@example.com", "--helo", "client.test");

        assertThat(swaks.exitCode).as(swaks.output).isZero();
        assertThat(swaks.output).doesNotContain("STARTTLS");
        Exchange exchange = incoming.getReceivedExchanges().get(0);
        assertThat(exchange.getIn().getBody(String.class)).contains("\r\n\t(using TLSv1.3 with cipher TLS_",
                " with ESMTPS id ");
        assertThat(exchange.getIn().getHeader(EnvelopeHeaders.LISTENER)).isEqualTo("smtps");
    }

    @Test
    void opensslSeesTheCertificateOfTheNameItAsksForAndTheFirstWithoutAName() throws Exception {
        assertThat(subjectServed(smtpsPort, "a.yubin.test")).contains("CN = a.yubin.test");
        assertThat(subjectServed(smtpsPort, "B.yubin.test")).contains("CN = b.yubin.test");
        assertThat(subjectServed(smtpsPort, "other.yubin.test")).contains("CN = a.yubin.test");
        assertThat(subjectServed(smtpsPort, null)).contains("CN = a.yubin.test");
    }

    @Test
    void aReplacedCertificateFileIsServedWithoutARestart() throws Exception {
        assertThat(subjectServed(smtpsPort, "c.yubin.test")).contains("O = first");
        TestCertificates.Pair next = TestCertificates.create(DIR, "c-next", "c.yubin.test", KeyKind.RSA_PKCS8, "/O=second");

        TestCertificates.copy(next.key(), replaceable.key());
        TestCertificates.copy(next.cert(), replaceable.cert());

        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(300))
                .until(() -> subjectServed(smtpsPort, "c.yubin.test").contains("O = second"));
        assertThat(subjectServed(mxPort, "c.yubin.test")).as("the STARTTLS listener shares the store")
                .contains("O = second");
    }

    @Test
    void aCommandPipelinedWithStartTlsIsDiscardedAndTheSessionStartsOver() throws Exception {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", mxPort), 5000);
            socket.setSoTimeout(10_000);
            BufferedReader in = reader(socket);
            assertThat(reply(in)).startsWith("220 ");
            send(socket.getOutputStream(), "EHLO attacker.test\r\n");
            assertThat(replyLines(in)).contains("250-STARTTLS");

            send(socket.getOutputStream(), "STARTTLS\r\nMAIL FROM:<evil@remote.test>\r\nNOOP\r\n");
            assertThat(reply(in)).isEqualTo("220 2.0.0 Ready to start TLS");
            assertThat(in.ready()).as("nothing after the 220 in plain text").isFalse();

            try (SSLSocket tls = startTls(socket)) {
                BufferedReader secure = reader(tls);
                send(tls.getOutputStream(), "MAIL FROM:<a@remote.test>\r\n");
                assertThat(reply(secure)).as("first reply under TLS answers our MAIL: no EHLO yet")
                        .isEqualTo("503 5.5.1 Error: send HELO/EHLO first");
                send(tls.getOutputStream(), "EHLO client.test\r\n");
                List<String> ehlo = replyLines(secure);
                assertThat(ehlo).first().isEqualTo("250-mx.yubin.test");
                assertThat(ehlo).doesNotContain("250-STARTTLS");
                send(tls.getOutputStream(), "STARTTLS\r\n");
                assertThat(reply(secure)).isEqualTo("503 5.5.1 Error: TLS already active");
                send(tls.getOutputStream(), "MAIL FROM:<a@remote.test>\r\n");
                assertThat(reply(secure)).isEqualTo("250 2.1.0 Ok");
                send(tls.getOutputStream(), "QUIT\r\n");
                assertThat(reply(secure)).startsWith("221 ");
            }
        }
        assertThat(incoming.getReceivedExchanges()).isEmpty();
    }

    @Test
    void theSmtpsListenerGreetsOnlyAfterTheHandshakeAndOffersNoStartTls() throws Exception {
        try (Socket plain = new Socket()) {
            plain.connect(new InetSocketAddress("127.0.0.1", smtpsPort), 5000);
            try (SSLSocket tls = wrap(plain)) {
                tls.startHandshake();
                BufferedReader in = reader(tls);
                assertThat(reply(in)).isEqualTo("220 mx.yubin.test ESMTP yubin");
                send(tls.getOutputStream(), "EHLO client.test\r\n");
                assertThat(replyLines(in)).doesNotContain("250-STARTTLS");
                send(tls.getOutputStream(), "STARTTLS\r\n");
                assertThat(reply(in)).isEqualTo("503 5.5.1 Error: TLS already active");
            }
        }
    }

    @Test
    void aClientOfferingOnlyTls11FailsTheHandshakeWithOneLogLine() throws Exception {
        try (LogCapture log = LogCapture.of(SmtpSessionHandler.class)) {
            Result client = run("openssl", "s_client", "-connect", "127.0.0.1:" + smtpsPort, "-tls1_1",
                    "-cipher", "DEFAULT:@SECLEVEL=0", "-servername", "a.yubin.test");

            assertThat(client.exitCode).as(client.output).isNotZero();
            assertThat(client.output).doesNotContain("220 mx.yubin.test");
            await().atMost(Duration.ofSeconds(10)).until(() -> log.lines().contains("disconnect from"));
            assertThat(log.lines().lines().filter(line -> line.contains("TLS handshake failed")))
                    .singleElement().asString().startsWith("TLS handshake failed from unknown[127.0.0.1]: ");
            assertThat(log.lines()).doesNotContain("TLS connection established");
        }
    }

    @Test
    void theHandshakeIsLoggedWithProtocolAndCipher() throws Exception {
        try (LogCapture log = LogCapture.of(SmtpSessionHandler.class)) {
            Result client = run("openssl", "s_client", "-connect", "127.0.0.1:" + mxPort, "-starttls", "smtp",
                    "-servername", "b.yubin.test", "-tls1_2");

            assertThat(client.output).contains("CN = b.yubin.test", "Protocol  : TLSv1.2");
            await().atMost(Duration.ofSeconds(10)).until(() -> log.lines().contains("TLS connection established"));
            assertThat(log.lines()).containsPattern("Anonymous TLS connection established from unknown\\[127\\.0\\.0\\.1\\]: "
                    + "TLSv1\\.2 with cipher TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384 \\(256/256 bits\\)");
        }
    }

    /** The subject line of the certificate {@code openssl s_client} gets for {@code serverName} (none: no SNI). */
    private static String subjectServed(int port, String serverName) throws Exception {
        List<String> command = new ArrayList<>(List.of("openssl", "s_client", "-connect", "127.0.0.1:" + port));
        if (port == mxPort) {
            command.addAll(List.of("-starttls", "smtp"));
        }
        command.addAll(serverName == null ? List.of("-noservername") : List.of("-servername", serverName));
        Result client = run(command.toArray(String[]::new));
        return client.output.lines().filter(line -> line.startsWith("subject=")).findFirst()
                .orElseThrow(() -> new AssertionError("no certificate in: " + client.output));
    }

    private static SSLSocket startTls(Socket socket) throws Exception {
        SSLSocket tls = wrap(socket);
        tls.startHandshake();
        return tls;
    }

    /** A client that trusts any certificate: these tests check the server's choice, not a CA. */
    private static SSLSocket wrap(Socket socket) throws Exception {
        SSLContext context = TrustAllTls.context();
        SSLSocket tls = (SSLSocket) context.getSocketFactory().createSocket(socket, "a.yubin.test",
                socket.getPort(), true);
        tls.setSoTimeout(10_000);
        return tls;
    }

    private static BufferedReader reader(Socket socket) throws IOException {
        return new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
    }

    private static void send(OutputStream out, String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    private static String reply(BufferedReader in) throws IOException {
        List<String> lines = replyLines(in);
        return lines.get(lines.size() - 1);
    }

    private static List<String> replyLines(BufferedReader in) throws IOException {
        List<String> lines = new ArrayList<>();
        String line;
        do {
            line = in.readLine();
            assertThat(line).as("reply line").isNotNull();
            lines.add(line);
        } while (line.length() > 3 && line.charAt(3) == '-');
        return lines;
    }

    private record Result(int exitCode, String output) { }

    private static Result run(String... command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
        try {
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
            return new Result(process.exitValue(), output);
        } finally {
            process.destroyForcibly();
        }
    }
}
