package org.yubin.delivery.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.yubin.delivery.MaildirWriter;
import org.yubin.delivery.store.MessageFlags.SystemFlag;

class SharedMailboxStateTest extends AliceStoreTest {

    private void deliver(String queueId) throws Exception {
        new MaildirWriter("mx.example.test").deliverOnce(inbox, queueId, 1_732_700_000L, false,
                ("Subject: " + queueId + "\r\n\r\nbody\r\n").getBytes(StandardCharsets.US_ASCII));
    }

    @Test
    void sessionsOnOneMailboxShareTheSameMessageRecords() throws Exception {
        deliver("A1");
        deliver("A2");
        try (Mailbox first = user.open("INBOX", false); Mailbox second = user.open("INBOX", true)) {
            first.refresh();
            second.refresh();
            assertThat(second.messages()).hasSize(2);
            for (int i = 0; i < 2; i++) {
                assertThat(second.messages().get(i)).isSameAs(first.messages().get(i));
            }
        }
    }

    @Test
    void aFlagChangeByOneSessionIsSeenByTheNextRefreshOfAnother() throws Exception {
        deliver("A1");
        try (Mailbox first = user.open("INBOX", false); Mailbox second = user.open("INBOX", false)) {
            first.refresh();
            second.refresh();
            first.setFlags(first.messages().get(0), new MessageFlags(Set.of(SystemFlag.FLAGGED), Set.of()));
            Mailbox.Refresh refresh = second.refresh();
            assertThat(refresh.changed()).singleElement()
                    .satisfies(m -> assertThat(m.flags().system()).containsExactly(SystemFlag.FLAGGED));
            assertThat(second.content(second.messages().get(0))).isEqualTo(
                    "Subject: A1\r\n\r\nbody\r\n".getBytes(StandardCharsets.US_ASCII));
        }
    }

    @Test
    void aMessageAppendedByOneSessionAndOneDeliveredAreSeenByTheNextRefreshOfAnother() throws Exception {
        try (Mailbox first = user.open("INBOX", false); Mailbox second = user.open("INBOX", false)) {
            first.refresh();
            second.refresh();
            first.append("Subject: appended\r\n\r\nx\r\n".getBytes(StandardCharsets.US_ASCII), MessageFlags.NONE,
                    Instant.now());
            assertThat(second.refresh().added()).hasSize(1);
            deliver("A2");
            store.events().changed(inbox.directory());
            assertThat(second.refresh().added()).hasSize(1);
            assertThat(first.refresh().added()).hasSize(2);
        }
    }

    @Test
    void aMessageRenamedByAnotherProcessIsStillReadAndTheStateLingersAfterTheLastSession() throws Exception {
        deliver("A1");
        MailboxShares shares = (MailboxShares) store.events();
        try (Mailbox first = user.open("INBOX", false)) {
            first.refresh();
            MailboxMessage message = first.messages().get(0);
            Path file;
            try (var files = Files.list(inbox.cur())) {
                file = files.findFirst().orElseThrow();
            }
            Files.move(file, file.resolveSibling(message.baseName() + ":2,S"));
            assertThat(first.content(message)).isEqualTo("Subject: A1\r\n\r\nbody\r\n".getBytes(StandardCharsets.US_ASCII));
            assertThat(shares.inUse()).isEqualTo(1);
        }
        assertThat(shares.inUse()).isZero();
        assertThat(shares.size()).isEqualTo(1);
    }
}
