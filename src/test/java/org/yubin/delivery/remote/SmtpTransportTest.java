package org.yubin.delivery.remote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.yubin.testsupport.Temp;

/**
 * The SMTP client against Debian's aiosmtpd with STARTTLS: MX order with a dead first
 * host, opportunistic TLS, dot-stuffing, connection reuse, and 4xx/5xx per recipient.
 */
class SmtpTransportTest {

    static final SmtpSink SINK = new SmtpSink(Temp.dir("smtp-transport"));
    static final TestDnsServer DNS = new TestDnsServer()
            .mx("remote.test", 10, "down.remote.test")
            .mx("remote.test", 20, "mx.remote.test")
            .a("down.remote.test", "127.0.0.2")
            .a("mx.remote.test", "127.0.0.1");
    static final OutboundConnectionPool POOL = new OutboundConnectionPool(2, Duration.ofSeconds(5), Duration.ofSeconds(5));
    static final SmtpTransport TRANSPORT = new SmtpTransport(new MxLookup(List.of(DNS.address()), Duration.ofSeconds(2)), POOL,
            new SmtpClientSettings("client.example.test", Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(10)),
            null, SINK.port());

    @AfterAll
    static void stop() throws Exception {
        POOL.close();
        SINK.close();
        DNS.close();
    }

    @Test
    void theMessageArrivesOverTlsByteExactAfterTheDeadFirstMxWithDotStuffingUndone() throws Exception {
        byte[] message = ("From: alice@example.com\r\nTo: someone@remote.test\r\nMessage-ID: <t1@example.com>\r\n\r\n"
                + "Hello.\r\n.a line with a leading dot\r\n.\r\nGr\u00fc\u00dfe\r\n").getBytes(StandardCharsets.UTF_8);

        SmtpTransport.Sent sent = TRANSPORT.deliver("Q1", "alice@example.com", "someone@remote.test", message);

        assertThat(sent.relay()).isEqualTo("mx.remote.test[127.0.0.1]:" + SINK.port());
        assertThat(sent.tls()).isTrue();
        assertThat(sent.reply().text()).startsWith("250 2.0.0 Ok: queued as S");
        SmtpSink.Received received = SINK.await("<t1@example.com>", Duration.ofSeconds(5));
        assertThat(received.content()).isEqualTo(message);
        assertThat(received.meta()).containsEntry("from", "alice@example.com").containsEntry("to", "someone@remote.test")
                .containsEntry("tls", "yes");
    }

    @Test
    void aSecondMessageToTheSameDomainReusesTheConnection() throws Exception {
        TRANSPORT.deliver("Q2", "alice@example.com", "one@remote.test", message("<reuse-1@example.com>"));
        TRANSPORT.deliver("Q3", "alice@example.com", "two@remote.test", message("<reuse-2@example.com>"));

        String first = SINK.await("<reuse-1@example.com>", Duration.ofSeconds(5)).meta().get("session");
        String second = SINK.await("<reuse-2@example.com>", Duration.ofSeconds(5)).meta().get("session");
        assertThat(second).isEqualTo(first);
    }

    @Test
    void a5xxReplyIsPermanentAndNamesTheHostTheReplyAndTheCommand() {
        assertThatThrownBy(() -> TRANSPORT.deliver("Q4", "alice@example.com", "reject@remote.test", message("<r@x>")))
                .isInstanceOf(RemotePermanentException.class)
                .hasMessageContaining("host mx.remote.test[127.0.0.1]:" + SINK.port() + " said: 550 5.1.1 <reject@remote.test>")
                .hasMessageEndingWith("(in reply to RCPT TO command)")
                .satisfies(e -> {
                    RemotePermanentException failure = (RemotePermanentException) e;
                    assertThat(failure.enhancedStatus()).isEqualTo("5.1.1");
                    assertThat(failure.remoteMta()).isEqualTo("mx.remote.test");
                    assertThat(failure.smtpReply()).startsWith("550 5.1.1 ");
                });
    }

    @Test
    void a4xxReplyIsTemporary() {
        assertThatThrownBy(() -> TRANSPORT.deliver("Q5", "alice@example.com", "defer-always@remote.test", message("<d@x>")))
                .isInstanceOf(RemoteTemporaryException.class)
                .satisfies(e -> assertThat(((RemoteTemporaryException) e).enhancedStatus()).isEqualTo("4.3.0"));
    }

    @Test
    void noReachableHostIsTemporaryAndNamesTheLastConnectionProblem() {
        SmtpTransport nowhere = new SmtpTransport(new MxLookup(List.of(DNS.address()), Duration.ofSeconds(2)), POOL,
                new SmtpClientSettings("client.example.test", Duration.ofSeconds(2), Duration.ofSeconds(5), Duration.ofSeconds(5)),
                HostPort.parse("[127.0.0.2]:" + SINK.port(), 25), 25);
        assertThatThrownBy(() -> nowhere.deliver("Q6", "alice@example.com", "x@remote.test", message("<n@x>")))
                .isInstanceOf(RemoteTemporaryException.class)
                .hasMessageStartingWith("connect to 127.0.0.2[127.0.0.2]:" + SINK.port());
    }

    private static byte[] message(String messageId) {
        return ("Message-ID: " + messageId + "\r\nSubject: test\r\n\r\nbody\r\n").getBytes(StandardCharsets.US_ASCII);
    }
}
