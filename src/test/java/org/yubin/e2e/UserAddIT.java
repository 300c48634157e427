package org.yubin.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.yubin.testsupport.SmtpTestClient;
import org.yubin.testsupport.Temp;
import org.yubin.testsupport.TestMailSystem;

/**
 * {@code ops/yubin user add} against a running server: the new mailbox receives
 * mail at once, without a restart; {@code user disable} refuses it again.
 */
class UserAddIT {

    @Test
    void aUserAddedWithTheCommandLineReceivesMailAtOnce() throws Exception {
        TestMailSystem mail = new TestMailSystem(Temp.dir("user-add"), List.of("alice"), List.of(), "");
        try (YubinProcess yubin = YubinProcess.start(mail, mail.root().resolve("yubin.log"))) {
            assertThat(rcpt(mail, "newbie@example.com")).startsWith("550 5.1.1");

            assertThat(opsYubin(mail, "user", "add", "newbie@example.com", "--password", "pw")).isZero();
            String reply = "";
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (!reply.startsWith("250") && System.nanoTime() < deadline) {
                Thread.sleep(200);
                reply = rcpt(mail, "newbie@example.com");
            }
            assertThat(reply).startsWith("250 2.1.5");

            try (SmtpTestClient smtp = new SmtpTestClient(mail.smtpPort())) {
                smtp.reply();
                smtp.command("EHLO client.example.test");
                byte[] message = "Subject: welcome\r\n\r\nhello newbie\r\n".getBytes(StandardCharsets.US_ASCII);
                assertThat(smtp.send("a@example.test", "newbie@example.com", message)).startsWith("250 2.0.0");
            }
            assertThat(mail.awaitMessages("newbie", 1, Duration.ofSeconds(10))).hasSize(1);

            assertThat(opsYubin(mail, "user", "disable", "newbie@example.com")).isZero();
            deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (reply.startsWith("250") && System.nanoTime() < deadline) {
                Thread.sleep(200);
                reply = rcpt(mail, "newbie@example.com");
            }
            assertThat(reply).startsWith("550 5.1.1");
        }
    }

    private static String rcpt(TestMailSystem mail, String address) throws Exception {
        try (SmtpTestClient smtp = new SmtpTestClient(mail.smtpPort())) {
            smtp.reply();
            smtp.command("EHLO client.example.test");
            smtp.command("MAIL FROM:<a@example.test>");
            return smtp.command("RCPT TO:<" + address + ">");
        }
    }

    /** Runs the real wrapper script with the server's settings in the environment. */
    private static int opsYubin(TestMailSystem mail, String... args) throws Exception {
        ProcessBuilder builder = new ProcessBuilder();
        builder.command().add(Path.of("ops", "yubin").toAbsolutePath().toString());
        builder.command().addAll(List.of(args));
        builder.environment().put("YUBIN_DATA_DIR", mail.dataDir().toString());
        builder.environment().put("YUBIN_DIRECTORY_LDIF", mail.ldif().toString());
        builder.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(
                mail.root().resolve("ops-yubin.log").toFile()));
        Process process = builder.start();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return process.exitValue();
    }
}
