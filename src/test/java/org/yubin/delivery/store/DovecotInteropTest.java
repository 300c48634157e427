package org.yubin.delivery.store;

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
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.yubin.delivery.store.MessageFlags.SystemFlag;
import org.yubin.directory.MailUser;

/**
 * The store and the real Dovecot ({@code doveadm}) on one Maildir in turn: each sees the
 * UIDVALIDITY, UIDs and flags the other wrote. Skipped where Dovecot is not installed.
 */
class DovecotInteropTest {

    private static final Path DOVEADM = Path.of("/usr/bin/doveadm");

    @TempDir
    Path dir;

    private Path home;
    private String[] owner;
    private MaildirMailStore store;
    private UserStore user;

    @BeforeEach
    void setUp() throws Exception {
        assumeTrue(Files.isExecutable(DOVEADM), "doveadm not installed");
        home = dir.resolve("home");
        Files.createDirectories(home.resolve("Maildir"));
        owner = unprivilegedOwner();
        store = new MaildirMailStore("mx.example.test");
        user = store.open(new MailUser("alice@example.test", "cn=alice", home, 1000, 1000, List.of()));
    }

    @AfterEach
    void tearDown() throws Exception {
        if (store != null) {
            store.close();
        }
    }

    @Test
    @Timeout(120)
    void whatDovecotWroteIsSeenWithTheSameUidValidityUidsAndFlags() throws Exception {
        save("INBOX", "Subject: one\n\nfirst\n");
        save("INBOX", "Subject: two\n\nsecond\n");
        save("INBOX", "Subject: three\n\nthird\n");
        doveadm("flags", "add", "\\Seen $Forwarded", "mailbox", "INBOX", "uid", "1");
        doveadm("flags", "add", "\\Flagged junk", "mailbox", "INBOX", "uid", "3");
        doveadm("expunge", "mailbox", "INBOX", "uid", "2");
        doveadm("mailbox", "create", "Entwürfe");
        save("Entwürfe", "Subject: draft\n\nx\n");
        doveadm("flags", "add", "\\Draft", "mailbox", "Entwürfe", "all");

        for (String mailboxName : List.of("INBOX", "Entwürfe")) {
            try (Mailbox mailbox = user.open(mailboxName, false)) {
                mailbox.refresh();
                assertThat(mailbox.uidValidity()).as(mailboxName).isEqualTo(dovecotUidValidity(mailboxName));
                assertThat(flagsByUid(mailbox)).as(mailboxName).isEqualTo(dovecotFlagsByUid(mailboxName));
            }
        }
        assertThat(user.list()).extracting(MailboxInfo::name).containsExactly("INBOX", "Entwürfe");
    }

    @Test
    @Timeout(120)
    void whatYubinWroteIsSeenByDovecotWithTheSameUidValidityUidsAndFlags() throws Exception {
        user.create("Entwürfe");
        try (Mailbox inbox = user.open("INBOX", false); Mailbox drafts = user.open("Entwürfe", false)) {
            inbox.append(MaildirMailboxTest.crlf("Subject: a", "", "x"), MessageFlags.NONE, Instant.now());
            inbox.append(MaildirMailboxTest.crlf("Subject: b", "", "y"),
                    new MessageFlags(EnumSet.of(SystemFlag.SEEN), Set.of("work")), Instant.now());
            inbox.append(MaildirMailboxTest.crlf("Subject: c", "", "z"), MessageFlags.NONE, Instant.now());
            inbox.refresh();
            inbox.setFlags(inbox.messages().get(0), new MessageFlags(EnumSet.of(SystemFlag.ANSWERED, SystemFlag.FLAGGED),
                    Set.of("$Forwarded")));
            inbox.expunge(List.of(inbox.messages().get(2)));
            inbox.refresh();
            drafts.append(MaildirMailboxTest.crlf("Subject: d", "", "w"), new MessageFlags(EnumSet.of(SystemFlag.DRAFT), Set.of()),
                    Instant.now());
            drafts.refresh();
            handOver();

            for (Mailbox mailbox : List.of(inbox, drafts)) {
                assertThat(dovecotUidValidity(mailbox.name())).as(mailbox.name()).isEqualTo(mailbox.uidValidity());
                assertThat(dovecotFlagsByUid(mailbox.name())).as(mailbox.name()).isEqualTo(flagsByUid(mailbox));
            }
        }
        assertThat(doveadm("-f", "tab", "mailbox", "list")).contains("Entwürfe");
    }

    private static Map<Long, Set<String>> flagsByUid(Mailbox mailbox) {
        Map<Long, Set<String>> flags = new TreeMap<>();
        for (MailboxMessage message : mailbox.messages()) {
            Set<String> names = new TreeSet<>();
            message.flags().system().forEach(f -> names.add(f.imapName()));
            names.addAll(message.flags().keywords());
            flags.put(message.uid(), names);
        }
        return flags;
    }

    private Map<Long, Set<String>> dovecotFlagsByUid(String mailbox) throws Exception {
        Map<Long, Set<String>> flags = new TreeMap<>();
        List<String> rows = doveadm("-f", "tab", "fetch", "uid flags", "mailbox", mailbox, "all").lines().toList();
        for (String row : rows.subList(1, rows.size())) {
            String[] fields = row.split("\t", -1);
            Set<String> names = new TreeSet<>(List.of(fields[1].split(" ")));
            names.remove("\\Recent");
            names.remove("");
            flags.put(Long.parseLong(fields[0]), names);
        }
        return flags;
    }

    private long dovecotUidValidity(String mailbox) throws Exception {
        List<String> rows = doveadm("-f", "tab", "mailbox", "status", "uidvalidity", mailbox).lines().toList();
        return Long.parseLong(rows.get(1).split("\t")[1]);
    }

    private void save(String mailbox, String message) throws Exception {
        run(message, "save", "-m", mailbox);
    }

    private String doveadm(String... command) throws Exception {
        return run(null, command);
    }

    /** Dovecot refuses mail access as root: as root, the files go to nobody first; otherwise the current user runs it. */
    private String[] unprivilegedOwner() throws IOException {
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        if (!"root".equals(System.getProperty("user.name"))) {
            PosixFileAttributes attributes = Files.readAttributes(dir, PosixFileAttributes.class);
            return new String[] {attributes.owner().getName(), attributes.group().getName()};
        }
        return new String[] {"nobody", "nogroup"};
    }

    /** Gives everything under the home to the user Dovecot runs as (a no-op when that is us). */
    private void handOver() throws IOException {
        if (!"root".equals(System.getProperty("user.name"))) {
            return;
        }
        UserPrincipalLookupService lookup = dir.getFileSystem().getUserPrincipalLookupService();
        var nobody = lookup.lookupPrincipalByName(owner[0]);
        var nogroup = lookup.lookupPrincipalByGroupName(owner[1]);
        try (Stream<Path> tree = Files.walk(home)) {
            for (Path path : tree.toList()) {
                PosixFileAttributeView view = Files.getFileAttributeView(path, PosixFileAttributeView.class);
                view.setOwner(nobody);
                view.setGroup(nogroup);
            }
        }
    }

    private String run(String input, String... command) throws Exception {
        handOver();
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
                Stream.of(command)).toList());
        builder.redirectError(ProcessBuilder.Redirect.appendTo(dir.resolve("doveadm.err").toFile()));
        builder.environment().putAll(Map.of("USER", owner[0], "HOME", home.toString()));
        Process process = builder.start();
        try {
            if (input != null) {
                process.getOutputStream().write(input.getBytes(StandardCharsets.UTF_8));
            }
            process.getOutputStream().close();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(process.exitValue()).as(() -> String.join(" ", command) + ": " + output + readErrors()).isZero();
            return output;
        } finally {
            process.destroyForcibly();
        }
    }

    private String readErrors() {
        try {
            return Files.readString(dir.resolve("doveadm.err"));
        } catch (IOException e) {
            return "";
        }
    }
}
