package org.yubin.delivery.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yubin.directory.MailUser;

class MaildirUserStoreTest {

    @TempDir
    Path dir;

    private Path home;
    private Path maildir;
    private MaildirMailStore store;
    private UserStore user;

    @BeforeEach
    void setUp() throws Exception {
        home = dir.resolve("home");
        maildir = home.resolve("Maildir");
        store = new MaildirMailStore("mx.example.test");
        user = store.open(new MailUser("alice@example.test", "cn=alice", home, 1000, 1000, List.of(), 1L << 20));
    }

    @AfterEach
    void tearDown() throws Exception {
        store.close();
    }

    @Test
    void foldersAreMaildirPlusPlusDirectoriesListedWithUnicodeNamesChildrenAndSpecialUse() throws Exception {
        for (String name : List.of("Sent", "Entwürfe", "Lists", "Lists.yubin", "Deleted Messages", "spamdrop", "Archive", "Drafts")) {
            user.create(name);
        }

        assertThat(maildir.resolve(".Entw&APw-rfe/maildirfolder")).exists();
        assertThat(maildir.resolve(".Lists.yubin/cur")).isDirectory();
        assertThat(user.list()).containsExactly(
                new MailboxInfo("INBOX", false, Optional.empty()),
                new MailboxInfo("Archive", false, Optional.of("\\Archive")),
                new MailboxInfo("Deleted Messages", false, Optional.of("\\Trash")),
                new MailboxInfo("Drafts", false, Optional.of("\\Drafts")),
                new MailboxInfo("Entwürfe", false, Optional.empty()),
                new MailboxInfo("Lists", true, Optional.empty()),
                new MailboxInfo("Lists.yubin", false, Optional.empty()),
                new MailboxInfo("Sent", false, Optional.of("\\Sent")),
                new MailboxInfo("spamdrop", false, Optional.of("\\Junk")));
        assertThat(user.exists("Entwürfe")).isTrue();
        assertThat(user.exists("inbox")).isTrue();
        assertThatThrownBy(() -> user.create("Sent")).isInstanceOf(MailboxExistsException.class);
        assertThatThrownBy(() -> user.create("INBOX")).isInstanceOf(MailboxExistsException.class);
    }

    @Test
    void deleteRemovesAFolderButNeverInbox() throws Exception {
        user.create("Old");
        try (Mailbox old = user.open("Old", false)) {
            old.append(MaildirMailboxTest.crlf("Subject: x", "", "y"), MessageFlags.NONE, Instant.now());
        }

        user.delete("Old");

        assertThat(user.exists("Old")).isFalse();
        assertThat(user.list()).extracting(MailboxInfo::name).containsExactly("INBOX");
        try (Stream<Path> left = Files.list(maildir)) {
            assertThat(left.map(p -> p.getFileName().toString())).noneMatch(n -> n.startsWith(".."));
        }
        assertThatThrownBy(() -> user.delete("INBOX")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> user.delete("Old")).isInstanceOf(NoSuchMailboxException.class);
        assertThatThrownBy(() -> user.open("Old", false)).isInstanceOf(NoSuchMailboxException.class);
    }

    @Test
    void aFolderDeletedAndCreatedAgainGetsANewUidValidity() throws Exception {
        user.create("Again");
        long first;
        try (Mailbox again = user.open("Again", false)) {
            first = again.uidValidity();
        }
        user.delete("Again");
        user.create("Again");
        try (Mailbox again = user.open("Again", false)) {
            assertThat(again.uidValidity()).isGreaterThan(first);
        }
        assertThat(Long.parseLong(Files.readString(maildir.resolve("dovecot-uidvalidity")), 16)).isGreaterThan(first);
    }

    @Test
    void renameMovesAFolderWithItsChildren() throws Exception {
        user.create("Projects");
        user.create("Projects.2024");

        user.rename("Projects", "Archive.Projects");

        assertThat(user.list()).extracting(MailboxInfo::name)
                .containsExactly("INBOX", "Archive.Projects", "Archive.Projects.2024");
        assertThatThrownBy(() -> user.rename("Nope", "X")).isInstanceOf(NoSuchMailboxException.class);
        user.create("Taken");
        assertThatThrownBy(() -> user.rename("Taken", "Archive.Projects")).isInstanceOf(MailboxExistsException.class);
        assertThatThrownBy(() -> user.rename("Taken", "INBOX")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void renamingInboxMovesItsMessagesToTheNewFolderAndLeavesInboxEmptyWithItsUidValidity() throws Exception {
        long validity;
        try (Mailbox inbox = user.open("INBOX", false)) {
            inbox.append(MaildirMailboxTest.crlf("Subject: 1", "", "x"), MessageFlags.NONE, Instant.now());
            inbox.append(MaildirMailboxTest.crlf("Subject: 2", "", "x"), MessageFlags.NONE, Instant.now());
            validity = inbox.uidValidity();
        }

        user.rename("INBOX", "Old Inbox");

        try (Mailbox inbox = user.open("INBOX", false); Mailbox moved = user.open("Old Inbox", false)) {
            assertThat(inbox.refresh().added()).isEmpty();
            assertThat(inbox.uidValidity()).isEqualTo(validity);
            assertThat(inbox.uidNext()).isEqualTo(3);
            assertThat(moved.refresh().added()).hasSize(2);
        }
    }

    @Test
    void subscriptionsAreKeptInDovecotsFormat() throws Exception {
        user.subscribe("Entwürfe");
        user.subscribe("Lists.yubin");
        user.subscribe("inbox");
        user.subscribe("Lists.yubin");
        user.unsubscribe("Nothing");

        assertThat(user.subscriptions()).containsExactlyInAnyOrder("INBOX", "Entwürfe", "Lists.yubin");
        assertThat(Files.readString(maildir.resolve("subscriptions"))).isEqualTo("V\t2\n\nEntw&APw-rfe\nINBOX\nLists\tyubin\n");

        user.unsubscribe("Entwürfe");
        assertThat(user.subscriptions()).containsExactlyInAnyOrder("INBOX", "Lists.yubin");
    }

    @Test
    void usageSumsTheMessageSizesOfAllMailboxesAndTheLimitComesFromTheDirectory() throws Exception {
        user.create("Sent");
        try (Mailbox inbox = user.open("INBOX", false); Mailbox sent = user.open("Sent", false)) {
            inbox.append(MaildirMailboxTest.crlf("Subject: 1", "", "x"), MessageFlags.NONE, Instant.now());
            sent.append(MaildirMailboxTest.crlf("Subject: 22", "", "yy"), MessageFlags.NONE, Instant.now());
        }

        assertThat(user.usage()).isEqualTo(new QuotaUsage(14 + 16, 2));
        assertThat(user.quotaLimitBytes()).isEqualTo(1L << 20);
    }

    @Test
    void hostileNamesAreRefusedAndCreateNothingOutsideTheMaildir() throws Exception {
        Files.createDirectories(maildir);
        Path outside = dir.resolve("outside");
        Files.createDirectories(outside.resolve("cur"));
        Files.createSymbolicLink(maildir.resolve(".Linked"), outside);
        List<String> hostile = List.of("..", "../x", "a/../../x", "/etc", "/tmp/evil", "a/b", "..\\x", ".hidden",
                "trailing..", "a..b", "x\u0000y", "new\nline", "", ".", "Linked", "a".repeat(300));

        for (String name : hostile) {
            assertThatThrownBy(() -> user.create(name)).as(name).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> user.open(name, false)).as(name).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> user.delete(name)).as(name).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> user.rename(name, "Safe")).as(name).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> user.rename("INBOX", name)).as(name).isInstanceOf(IllegalArgumentException.class);
            if (!name.equals("Linked")) {
                // a subscription is only a name in a file, but it must be a name that could exist
                assertThatThrownBy(() -> user.subscribe(name)).as(name).isInstanceOf(IllegalArgumentException.class);
            }
        }

        try (Stream<Path> everything = Files.walk(dir)) {
            assertThat(everything.map(dir::relativize).map(Path::toString))
                    .containsExactlyInAnyOrder("", "home", "home/Maildir", "home/Maildir/.Linked", "outside", "outside/cur");
        }
        assertThat(user.list()).extracting(MailboxInfo::name).containsExactly("INBOX");
    }
}
