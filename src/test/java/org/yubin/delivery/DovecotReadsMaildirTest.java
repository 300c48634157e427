package org.yubin.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Interoperability with the real Dovecot (package dovecot-core): what
 * {@link MaildirWriter} writes — INBOX, a Maildir++ folder, a folder with a non-ASCII
 * name — is listed and read by {@code doveadm} with the sizes in the file names.
 * Skipped where Dovecot is not installed.
 */
class DovecotReadsMaildirTest {

    private static final Path DOVEADM = Path.of("/usr/bin/doveadm");

    @TempDir
    Path dir;

    @Test
    @Timeout(60)
    void doveadmListsTheFoldersAndReadsTheMessagesWithTheirSizes() throws Exception {
        assumeTrue(Files.isExecutable(DOVEADM), "doveadm not installed");
        Path home = dir.resolve("home");
        Maildir maildir = Maildir.at(home.resolve("Maildir"));
        MaildirWriter writer = new MaildirWriter("mx.example.test");
        Path inInbox = writer.deliverOnce(maildir, "D1", 1_732_700_000L, false,
                MaildirWriterTest.crlf("Return-Path: <s@example.net>", "Subject: hello", "", "body äö")).path();
        writer.deliverOnce(maildir.folder("Lists.yubin"), "D2", 1_732_700_001L, false,
                MaildirWriterTest.crlf("Subject: in folder", "", "x"));
        writer.deliverOnce(maildir.folder("Entwürfe"), "D3", 1_732_700_002L, false,
                MaildirWriterTest.crlf("Subject: draft", "", "x"));
        String[] owner = handOverToUnprivilegedUser();

        String output = doveadm(home, owner, "fetch", "mailbox size.physical size.virtual hdr.subject", "all");

        assertThat(output).contains("mailbox: INBOX\nsize.physical: " + Files.size(inInbox)
                + "\nsize.virtual: " + (Files.size(inInbox) + 4) + "\nhdr.subject: hello");
        assertThat(output).contains("mailbox: Lists.yubin\n").contains("hdr.subject: in folder");
        assertThat(output).contains("mailbox: Entwürfe\n").contains("hdr.subject: draft");
    }

    /** Dovecot refuses mail access as root: as root, hand the files to nobody; otherwise use the current user. */
    private String[] handOverToUnprivilegedUser() throws IOException {
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        if (!"root".equals(System.getProperty("user.name"))) {
            PosixFileAttributes attributes = Files.readAttributes(dir, PosixFileAttributes.class);
            return new String[] {attributes.owner().getName(), attributes.group().getName()};
        }
        UserPrincipalLookupService lookup = dir.getFileSystem().getUserPrincipalLookupService();
        var nobody = lookup.lookupPrincipalByName("nobody");
        var nogroup = lookup.lookupPrincipalByGroupName("nogroup");
        try (Stream<Path> tree = Files.walk(dir)) {
            for (Path path : tree.toList()) {
                PosixFileAttributeView view = Files.getFileAttributeView(path, PosixFileAttributeView.class);
                view.setOwner(nobody);
                view.setGroup(nogroup);
            }
        }
        return new String[] {"nobody", "nogroup"};
    }

    private String doveadm(Path home, String[] owner, String... command) throws Exception {
        for (String sub : List.of("run", "state")) {
            Files.createDirectories(dir.resolve(sub));
        }
        Path config = dir.resolve("dovecot.conf");
        Files.writeString(config, String.join("\n",
                "mail_location = maildir:" + home.resolve("Maildir"),
                "base_dir = " + dir.resolve("run"),
                "state_dir = " + dir.resolve("state"),
                "log_path = " + dir.resolve("dovecot.log"),
                "ssl = no",
                "mail_uid = " + owner[0],
                "mail_gid = " + owner[1],
                "first_valid_uid = 1",
                "first_valid_gid = 1",
                "namespace inbox {", "  inbox = yes", "  separator = .", "}", ""));
        ProcessBuilder builder = new ProcessBuilder(Stream.concat(Stream.of(DOVEADM.toString(), "-c", config.toString()),
                Stream.of(command)).toList()).redirectErrorStream(true);
        builder.environment().putAll(Map.of("USER", owner[0], "HOME", home.toString()));
        Process process = builder.start();
        try {
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(process.exitValue()).as(output).isZero();
            return output;
        } finally {
            process.destroyForcibly();
        }
    }
}
