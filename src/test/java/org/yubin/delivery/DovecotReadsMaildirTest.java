package org.yubin.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.yubin.testsupport.DovecotTools;

/**
 * Interoperability with the real Dovecot (package dovecot-core): what
 * {@link MaildirWriter} writes — INBOX, a Maildir++ folder, a folder with a non-ASCII
 * name — is listed and read by {@code doveadm} with the sizes in the file names.
 * Skipped where Dovecot is not installed.
 */
class DovecotReadsMaildirTest {

    @TempDir
    Path dir;

    @Test
    @Timeout(60)
    void doveadmListsTheFoldersAndReadsTheMessagesWithTheirSizes() throws Exception {
        assumeTrue(DovecotTools.doveadmInstalled(), "doveadm not installed");
        DovecotTools dovecot = DovecotTools.in(dir);
        Maildir maildir = Maildir.at(dovecot.maildir());
        MaildirWriter writer = new MaildirWriter("mx.example.test");
        Path inInbox = writer.deliverOnce(maildir, "D1", 1_732_700_000L, false,
                MaildirWriterTest.crlf("Return-Path: <s@example.net>", "Subject: hello", "", "body äö")).path();
        writer.deliverOnce(maildir.folder("Lists.yubin"), "D2", 1_732_700_001L, false,
                MaildirWriterTest.crlf("Subject: in folder", "", "x"));
        writer.deliverOnce(maildir.folder("Entwürfe"), "D3", 1_732_700_002L, false,
                MaildirWriterTest.crlf("Subject: draft", "", "x"));

        String output = dovecot.doveadm("fetch", "mailbox size.physical size.virtual hdr.subject", "all");

        assertThat(output).contains("mailbox: INBOX\nsize.physical: " + Files.size(inInbox)
                + "\nsize.virtual: " + (Files.size(inInbox) + 4) + "\nhdr.subject: hello");
        assertThat(output).contains("mailbox: Lists.yubin\n").contains("hdr.subject: in folder");
        assertThat(output).contains("mailbox: Entwürfe\n").contains("hdr.subject: draft");
    }
}
