package org.yubin.delivery.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.yubin.delivery.store.MessageFlags.SystemFlag;
import org.yubin.directory.MailUser;
import org.yubin.testsupport.DovecotTools;

/**
 * The store and the real Dovecot ({@code doveadm}) on one Maildir in turn: each sees the
 * UIDVALIDITY, UIDs and flags the other wrote. Skipped where Dovecot is not installed.
 */
class DovecotInteropTest {

    @TempDir
    Path dir;

    private DovecotTools dovecot;
    private MaildirMailStore store;
    private UserStore user;

    @BeforeEach
    void setUp() throws Exception {
        assumeTrue(DovecotTools.doveadmInstalled(), "doveadm not installed");
        dovecot = DovecotTools.in(dir);
        Files.createDirectories(dovecot.maildir());
        store = new MaildirMailStore("mx.example.test");
        user = store.open(new MailUser("alice@example.test", "cn=alice", dovecot.home(), 1000, 1000, List.of()));
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
        dovecot.doveadmWithInput(message, "save", "-m", mailbox);
    }

    private String doveadm(String... command) throws Exception {
        return dovecot.doveadm(command);
    }
}
