package org.yubin.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.yubin.YubinApplication;
import org.yubin.config.YubinProperties;
import org.yubin.queue.QueueAdminEndpoint;
import org.yubin.testsupport.Temp;
import org.yubin.testsupport.TestMailSystem;

/**
 * The command line with the server down: {@code sendmail} queues into the journal,
 * {@code queue list|hold|release} work on it (the command line runs the broker itself),
 * and the server delivers the mail when it starts. The server's admin port file is
 * left behind, as after {@code kill -9}: nobody answers there, the command line notices.
 */
class QueueCommandStoppedServerTest {

    @Test
    void mailSubmittedWhileTheServerIsDownIsListedHeldReleasedAndDeliveredAtTheNextStart() throws Exception {
        TestMailSystem mail = new TestMailSystem(Temp.dir("queue-cli-stopped"), List.of("alice", "bob"), List.of(), "");
        YubinProperties properties = new YubinProperties();
        properties.setDataDir(mail.dataDir());
        properties.setHostname("mx.example.test");
        Path queue = mail.dataDir().resolve("queue");
        Files.createDirectories(queue);
        Files.writeString(QueueAdminEndpoint.file(queue), "port=" + TestMailSystem.freePort() + "\nsecret=stale\n");
        CliRunner cli = new CliRunner(properties);

        assertThat(cli.run("queue", "list").out()).isEqualTo("Mail queue is empty\n");
        byte[] message = "To: bob@example.com\nSubject: while down\n\nqueued offline\n".getBytes(StandardCharsets.US_ASCII);
        assertThat(Sendmail.run(new String[] {"-t", "-f", "alice@example.com"}, () -> properties,
                new ByteArrayInputStream(message), new PrintStream(new ByteArrayOutputStream()))).isZero();

        String list = cli.run("queue", "list").out();
        assertThat(list).contains(" yubin.submit ").contains("alice@example.com").contains("bob@example.com")
                .contains("(active, delivery attempts 0)").endsWith("-- 1 Kbytes in 1 entry.\n");
        String id = list.lines().skip(1).findFirst().orElseThrow().split(" ")[0];

        assertThat(cli.run("queue", "hold", id).out()).isEqualTo(id + ": 1 entries put on hold\n");
        assertThat(cli.run("queue", "list").out()).contains(id + " yubin.hold").contains("held from yubin.submit");
        assertThat(cli.run("queue", "release", id).out()).isEqualTo(id + ": 1 entries released\n");
        assertThat(cli.run("queue", "list").out()).contains(id + " yubin.submit");

        // command-line arguments: they win over config/application.yaml, as the tests' settings must
        List<String> arguments = new ArrayList<>(List.of("--server.port=0"));
        mail.properties().forEach((key, value) -> arguments.add("--" + key + "=" + value));
        try (ConfigurableApplicationContext server = new SpringApplicationBuilder(YubinApplication.class)
                .web(WebApplicationType.NONE).run(arguments.toArray(String[]::new))) {
            List<Path> delivered = mail.awaitMessages("bob", 1, Duration.ofSeconds(30));
            assertThat(delivered).hasSize(1);
            assertThat(Files.readString(delivered.get(0), StandardCharsets.ISO_8859_1))
                    .startsWith("Return-Path: <alice@example.com>\n")
                    .contains("\tid " + id + "; ").contains("Subject: while down\n").endsWith("\nqueued offline\n");
            assertThat(cli.run("queue", "list").out()).isEqualTo("Mail queue is empty\n");
        }
    }
}
