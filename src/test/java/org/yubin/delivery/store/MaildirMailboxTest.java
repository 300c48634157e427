package org.yubin.delivery.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.yubin.delivery.MaildirWriter;
import org.yubin.delivery.store.MessageFlags.SystemFlag;

class MaildirMailboxTest extends AliceStoreTest {

    static byte[] crlf(String... lines) {
        return (String.join("\r\n", lines) + "\r\n").getBytes(StandardCharsets.UTF_8);
    }

    static MessageFlags flags(Set<String> keywords, SystemFlag... system) {
        EnumSet<SystemFlag> set = EnumSet.noneOf(SystemFlag.class);
        set.addAll(List.of(system));
        return new MessageFlags(set, keywords);
    }

    private Path deliver(String queueId) throws Exception {
        return new MaildirWriter("mx.example.test").deliverOnce(inbox, queueId, 1_732_700_000L, false,
                crlf("Subject: " + queueId, "", "body")).path();
    }

    private static List<String> names(Path dir) throws Exception {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void deliveredMessagesGetAscendingUidsMoveToCurAndAreRecentOnlyForTheFirstReadWriteOpener() throws Exception {
        deliver("A1");
        deliver("A2");
        try (Mailbox examine = user.open("INBOX", true)) {
            Mailbox.Refresh seen = examine.refresh();
            assertThat(seen.added()).hasSize(2);
            assertThat(seen.recent()).isEmpty();
            assertThat(names(inbox.newDir())).hasSize(2);
        }
        try (Mailbox first = user.open("INBOX", false); Mailbox second = user.open("inbox", false)) {
            Mailbox.Refresh refresh = first.refresh();
            assertThat(refresh.added()).extracting(MailboxMessage::uid).containsExactly(1L, 2L);
            assertThat(refresh.recent()).containsExactly(1L, 2L);
            assertThat(names(inbox.newDir())).isEmpty();
            assertThat(names(inbox.cur())).allMatch(n -> n.endsWith(":2,"));
            Mailbox.Refresh other = second.refresh();
            assertThat(other.added()).extracting(MailboxMessage::uid).containsExactly(1L, 2L);
            assertThat(other.recent()).isEmpty();
            assertThat(first.uidNext()).isEqualTo(3);
        }
    }

    @Test
    void aNewMailboxGetsTheCurrentTimeAsUidValidityAndKeepsIt() throws Exception {
        long before = Instant.now().getEpochSecond();
        long validity;
        try (Mailbox mailbox = user.open("INBOX", false)) {
            validity = mailbox.uidValidity();
        }
        assertThat(validity).isBetween(before, Instant.now().getEpochSecond());
        assertThat(Files.readString(inbox.directory().resolve("dovecot-uidlist"))).startsWith("3 V" + validity + " N1 G");
        try (Mailbox again = user.open("INBOX", true)) {
            assertThat(again.uidValidity()).isEqualTo(validity);
        }
    }

    @Test
    void flagsAreStoredInTheFileNameInAsciiOrderWithKeywordLettersFromDovecotKeywords() throws Exception {
        deliver("F1");
        try (Mailbox mailbox = user.open("INBOX", false)) {
            mailbox.refresh();
            MailboxMessage message = mailbox.messages().get(0);
            MailboxMessage changed = mailbox.setFlags(message,
                    flags(Set.of("$Forwarded", "work"), SystemFlag.SEEN, SystemFlag.FLAGGED, SystemFlag.ANSWERED));

            assertThat(changed.flags().system()).containsExactlyInAnyOrder(SystemFlag.SEEN, SystemFlag.FLAGGED, SystemFlag.ANSWERED);
            assertThat(changed.modSeq()).isGreaterThan(message.modSeq());
            assertThat(names(inbox.cur())).singleElement().asString().endsWith(":2,FRSab");
            assertThat(Files.readString(inbox.directory().resolve("dovecot-keywords")))
                    .satisfiesAnyOf(k -> assertThat(k).isEqualTo("0 $Forwarded\n1 work\n"), k -> assertThat(k).isEqualTo("0 work\n1 $Forwarded\n"));
            assertThat(mailbox.messages().get(0)).isEqualTo(changed);

            MailboxMessage cleared = mailbox.setFlags(changed, flags(Set.of("WORK"), SystemFlag.DELETED));
            assertThat(cleared.flags().keywords()).hasSize(1);
            assertThat(names(inbox.cur()).get(0)).matches(".*:2,T[ab]");
        }
        try (Mailbox reopened = user.open("INBOX", true)) {
            reopened.refresh();
            assertThat(reopened.messages().get(0).flags().system()).containsExactly(SystemFlag.DELETED);
            assertThat(reopened.messages().get(0).uid()).isEqualTo(1);
        }
    }

    @Test
    void aFlagChangeByAnotherProcessKeepsTheUidAndIsReportedAsChangedWithANewModSeq() throws Exception {
        deliver("R1");
        try (Mailbox mailbox = user.open("INBOX", false)) {
            mailbox.refresh();
            MailboxMessage before = mailbox.messages().get(0);
            Path file = inbox.cur().resolve(names(inbox.cur()).get(0));
            Files.move(file, inbox.cur().resolve(before.baseName() + ":2,S"));

            Mailbox.Refresh refresh = mailbox.refresh();

            assertThat(refresh.changed()).singleElement().satisfies(m -> {
                assertThat(m.uid()).isEqualTo(before.uid());
                assertThat(m.flags().system()).containsExactly(SystemFlag.SEEN);
                assertThat(m.modSeq()).isGreaterThan(before.modSeq());
            });
            assertThat(mailbox.highestModSeq()).isEqualTo(refresh.changed().get(0).modSeq());
            try (InputStream in = mailbox.open(before)) {
                assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("Subject: R1\r\n\r\nbody\r\n");
            }
        }
    }

    @Test
    void appendStoresLfWithSizesInTheNameTheDateAsMtimeAndAssignsTheUidAtOnce() throws Exception {
        Instant date = Instant.parse("2024-01-02T03:04:05Z");
        try (Mailbox mailbox = user.open("INBOX", false)) {
            long uid = mailbox.append(crlf("Subject: appended", "", "line"), flags(Set.of(), SystemFlag.SEEN, SystemFlag.DRAFT), date);

            assertThat(uid).isEqualTo(1);
            assertThat(Files.readString(inbox.directory().resolve("dovecot-uidlist"))).contains("\n1 :");
            Path file = inbox.cur().resolve(names(inbox.cur()).get(0));
            assertThat(file.getFileName().toString()).matches("\\d+\\.M\\d+P\\d+Q\\d+\\.mx\\.example\\.test,S=24,W=27:2,DS");
            assertThat(Files.readString(file)).isEqualTo("Subject: appended\n\nline\n");
            assertThat(Files.getLastModifiedTime(file).toInstant()).isEqualTo(date);

            Mailbox.Refresh refresh = mailbox.refresh();
            MailboxMessage message = refresh.added().get(0);
            assertThat(message.uid()).isEqualTo(1);
            assertThat(message.size()).isEqualTo(24);
            assertThat(message.virtualSize()).isEqualTo(27);
            assertThat(message.internalDate()).isEqualTo(date);
            assertThat(names(inbox.tmp())).isEmpty();
        }
    }

    @Test
    void aMessageWithoutSizesInItsNameGetsItsVirtualSizeCachedInTheUidlistAsDovecotDoes() throws Exception {
        Files.createDirectories(inbox.cur());
        inbox.create();
        Files.writeString(inbox.cur().resolve("1700000000.M1P1.other:2,S"), "Subject: x\n\nabc\n");
        try (Mailbox mailbox = user.open("INBOX", false)) {
            MailboxMessage message = mailbox.refresh().added().get(0);
            assertThat(message.size()).isEqualTo(16);
            assertThat(message.virtualSize()).isEqualTo(19);
        }
        assertThat(Files.readString(inbox.directory().resolve("dovecot-uidlist"))).contains("\n1 W19 :1700000000.M1P1.other\n");
    }

    @Test
    void copyLinksFilesIntoTheTargetWithFreshNamesKeepingFlagsAndDates() throws Exception {
        user.create("Archive");
        Instant date = Instant.parse("2023-05-06T07:08:09Z");
        try (Mailbox source = user.open("INBOX", false); Mailbox target = user.open("Archive", false)) {
            source.append(crlf("Subject: one", "", "1"), flags(Set.of("important"), SystemFlag.SEEN), date);
            source.append(crlf("Subject: two", "", "2"), MessageFlags.NONE, date);
            source.refresh();

            List<Long> uids = source.copy(source.messages(), target);

            assertThat(uids).containsExactly(1L, 2L);
            List<MailboxMessage> copied = target.refresh().added();
            assertThat(copied).extracting(MailboxMessage::uid).containsExactly(1L, 2L);
            assertThat(copied.get(0).flags()).isEqualTo(flags(Set.of("important"), SystemFlag.SEEN));
            assertThat(copied.get(0).internalDate()).isEqualTo(date);
            assertThat(copied.get(0).baseName()).isNotEqualTo(source.messages().get(0).baseName());
            Path copiedFile = inbox.folder("Archive").cur().resolve(names(inbox.folder("Archive").cur()).get(0));
            assertThat(Files.getAttribute(copiedFile, "unix:nlink")).isEqualTo(2);
        }
    }

    @Test
    void expungeDeletesTheFilesAndTheNextRefreshReportsThemWhileUidsAreNeverReused() throws Exception {
        try (Mailbox mailbox = user.open("INBOX", false)) {
            mailbox.append(crlf("Subject: 1", "", "x"), MessageFlags.NONE, Instant.now());
            mailbox.append(crlf("Subject: 2", "", "x"), MessageFlags.NONE, Instant.now());
            mailbox.refresh();
            long modSeq = mailbox.highestModSeq();

            mailbox.expunge(List.of(mailbox.messages().get(1)));
            Mailbox.Refresh refresh = mailbox.refresh();

            assertThat(refresh.expunged()).containsExactly(2L);
            assertThat(mailbox.messages()).extracting(MailboxMessage::uid).containsExactly(1L);
            assertThat(mailbox.highestModSeq()).isGreaterThan(modSeq);
            assertThat(mailbox.append(crlf("Subject: 3", "", "x"), MessageFlags.NONE, Instant.now())).isEqualTo(3);
        }
    }

    @Test
    void aFileThatVanishedIsTreatedAsExpungedAndOpeningItSaysNoSuchFile() throws Exception {
        deliver("V1");
        try (Mailbox mailbox = user.open("INBOX", false)) {
            mailbox.refresh();
            MailboxMessage message = mailbox.messages().get(0);
            Files.delete(inbox.cur().resolve(names(inbox.cur()).get(0)));

            assertThatThrownBy(() -> mailbox.open(message)).isInstanceOf(NoSuchFileException.class);
            assertThat(mailbox.refresh().expunged()).containsExactly(message.uid());
        }
    }

    @Test
    void readOnlyMailboxesRefuseChangesAndRenameNothing() throws Exception {
        Path delivered = deliver("O1");
        try (Mailbox mailbox = user.open("INBOX", true)) {
            mailbox.refresh();
            assertThatThrownBy(() -> mailbox.setFlags(mailbox.messages().get(0), flags(Set.of(), SystemFlag.SEEN)))
                    .isInstanceOf(IllegalStateException.class);
            assertThatThrownBy(() -> mailbox.expunge(mailbox.messages())).isInstanceOf(IllegalStateException.class);
        }
        assertThat(delivered).exists();
    }

    @Test
    void modSeqsNeverGoDownAcrossReopening() throws Exception {
        deliver("M1");
        long highest;
        try (Mailbox mailbox = user.open("INBOX", false)) {
            mailbox.refresh();
            mailbox.setFlags(mailbox.messages().get(0), flags(Set.of(), SystemFlag.SEEN));
            highest = mailbox.highestModSeq();
        }
        try (Mailbox mailbox = user.open("INBOX", false)) {
            mailbox.refresh();
            assertThat(mailbox.highestModSeq()).isEqualTo(highest);
            assertThat(mailbox.messages().get(0).modSeq()).isEqualTo(highest);
            mailbox.setFlags(mailbox.messages().get(0), MessageFlags.NONE);
            assertThat(mailbox.highestModSeq()).isGreaterThan(highest);
        }
    }
}
