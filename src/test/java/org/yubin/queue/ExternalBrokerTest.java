package org.yubin.queue;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.ConfigurableApplicationContext;
import org.yubin.YubinApplication;
import org.yubin.testsupport.SmtpTestClient;
import org.yubin.testsupport.Temp;
import org.yubin.testsupport.TestMailSystem;

/**
 * With {@code yubin.queue.broker-url} set, the same routes run against an external
 * Artemis broker (here one started by the test on a TCP port, as several yubin nodes
 * would share it) and no embedded broker is started. Alice's mailbox is blocked at
 * first, so her message waits on the external broker's delivery queue and is delivered
 * from there once the mailbox can be written.
 */
class ExternalBrokerTest {

    @Test
    void theRoutesRunAgainstAnExternalBrokerWhenOneIsConfigured() throws Exception {
        TestMailSystem mail = new TestMailSystem(Temp.dir("external-broker"), List.of("alice"), List.of(), "");
        int brokerPort = TestMailSystem.freePort();
        EmbeddedActiveMQ broker = externalBroker(mail, brokerPort);
        broker.start();
        // a plain file where the Maildir should be: the attempt before the 250 fails
        Path maildir = mail.maildir("alice");
        Files.createDirectories(maildir.getParent());
        Files.writeString(maildir, "not a directory");
        try {
            Map<String, String> settings = new HashMap<>(mail.properties());
            settings.put("yubin.queue.broker-url", "tcp://127.0.0.1:" + brokerPort);
            String[] args = settings.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue())
                    .toArray(String[]::new);
            try (ConfigurableApplicationContext yubin = new SpringApplicationBuilder(YubinApplication.class)
                    .web(WebApplicationType.NONE).run(args)) {
                assertThat(yubin.getBeansOfType(EmbeddedQueueBroker.class)).isEmpty();

                try (SmtpTestClient smtp = new SmtpTestClient(mail.smtpPort())) {
                    smtp.reply();
                    smtp.command("EHLO client.example.test");
                    byte[] message = "Subject: via external broker\r\n\r\nhello\r\n".getBytes(StandardCharsets.US_ASCII);
                    assertThat(smtp.send("a@example.test", "alice@example.com", message)).startsWith("250 2.0.0");
                }
                var delivery = broker.getActiveMQServer().locateQueue(SimpleString.of(QueueNames.DELIVERY));
                assertThat(delivery.getMessagesAdded()).isEqualTo(1);
                Files.delete(maildir);
                assertThat(mail.awaitMessages("alice", 1, Duration.ofSeconds(15))).hasSize(1);
            }
        } finally {
            broker.stop();
        }
    }

    private static EmbeddedActiveMQ externalBroker(TestMailSystem mail, int port) throws Exception {
        ConfigurationImpl config = new ConfigurationImpl();
        config.setName("external");
        config.setSecurityEnabled(false);
        config.setPersistenceEnabled(true);
        String dir = mail.root().resolve("external-broker").toString();
        config.setJournalDirectory(dir + "/journal");
        config.setBindingsDirectory(dir + "/bindings");
        config.setPagingDirectory(dir + "/paging");
        config.setLargeMessagesDirectory(dir + "/large");
        config.addAcceptorConfiguration("tcp", "tcp://127.0.0.1:" + port);
        EmbeddedActiveMQ broker = new EmbeddedActiveMQ();
        broker.setConfiguration(config);
        return broker;
    }
}
