package org.yubin.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.yubin.YubinApplication;
import org.yubin.testsupport.DovecotServer;
import org.yubin.testsupport.PythonScript;
import org.yubin.testsupport.Temp;
import org.yubin.testsupport.TestMailSystem;

/**
 * Moving between Dovecot and yubin without clients downloading everything again:
 * the same Maildir, served by Debian's Dovecot (started by the test) and by yubin in
 * turn, shows the same mailboxes, UIDVALIDITY, UIDNEXT, UIDs and flags to an IMAP
 * client (Python imaplib), whichever server made the last changes.
 */
@SpringBootTest(classes = YubinApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class DovecotImapInteropTest {

    static final TestMailSystem MAIL = new TestMailSystem(Temp.dir("interop"), List.of("bob"), List.of(), "");

    @DynamicPropertySource
    static void settings(DynamicPropertyRegistry registry) {
        MAIL.register((key, value) -> registry.add(key, () -> value));
    }

    @Test
    @Timeout(180)
    void aMaildirWrittenByDovecotIsServedByYubinTheSameAndBack() throws Exception {
        assumeTrue(DovecotServer.available(), "needs Dovecot and root");
        Path home = MAIL.maildir("bob").getParent();
        String login = "bob@example.com";

        // yubin delivers first, so that the Maildir holds both servers' file names
        deliver(login, "delivered by yubin");
        MAIL.onlyFileContaining("bob", "delivered by yubin");

        String dovecotView;
        try (DovecotServer dovecot = DovecotServer.start(MAIL.root().resolve("dovecot1"), Map.of(login, home))) {
            PythonScript.run("imap/imap_changes.py", dovecot.imapPort(), login, TestMailSystem.PASSWORD, "dovecot");
            dovecotView = state(dovecot.imapPort());
        }
        assertThat(dovecotView).contains("\"dovecot one\"", "\"dovecot-Sent\"", "\"$Work\"");

        assertThat(state(MAIL.imapPort())).isEqualTo(dovecotView);

        PythonScript.run("imap/imap_changes.py", MAIL.imapPort(), login, TestMailSystem.PASSWORD, "yubin");
        deliver(login, "delivered later");
        MAIL.onlyFileContaining("bob", "delivered later");
        String yubinView = state(MAIL.imapPort());
        assertThat(yubinView).contains("\"yubin one\"", "\"yubin-Sent\"", "\"delivered later\"");

        try (DovecotServer dovecot = DovecotServer.start(MAIL.root().resolve("dovecot2"), Map.of(login, home))) {
            assertThat(state(dovecot.imapPort())).as(dovecot.log()).isEqualTo(yubinView);
        }
    }

    private static void deliver(String to, String subject) throws Exception {
        assertThat(MAIL.sendOverSmtp(to, "Subject: " + subject + "\r\n\r\nhello\r\n")).startsWith("250");
    }

    private static String state(int port) throws Exception {
        return PythonScript.run("imap/imap_state.py", port, "bob@example.com", TestMailSystem.PASSWORD);
    }
}
