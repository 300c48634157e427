package org.yubin.delivery.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.yubin.delivery.MaildirWriter;
import org.yubin.delivery.store.MessageFlags.SystemFlag;

/** Deliveries, appends and two read-write sessions on one mailbox at the same time. */
class ConcurrentAccessTest extends AliceStoreTest {

    private static final int DELIVERIES = 60;
    private static final int APPENDS = 30;

    private final ExecutorService threads = Executors.newFixedThreadPool(6);

    @AfterEach
    void tearDown() throws Exception {
        threads.shutdownNow();
        threads.awaitTermination(10, TimeUnit.SECONDS);
    }

    @Test
    @Timeout(120)
    void everyMessageGetsOneUidAndTwoRacingSessionsAgreeOnThem() throws Exception {
        MaildirWriter writer = new MaildirWriter("mx.example.test");
        List<Future<?>> work = new ArrayList<>();
        for (int t = 0; t < 2; t++) {
            int thread = t;
            work.add(threads.submit(() -> {
                for (int i = 0; i < DELIVERIES / 2; i++) {
                    writer.deliverOnce(inbox, "D" + thread + "x" + i, 1_732_700_000L, false,
                            MaildirMailboxTest.crlf("Subject: delivery " + i, "", "x"));
                    store.events().changed(inbox.directory());
                }
                return null;
            }));
        }
        inbox.create();
        Mailbox first = user.open("INBOX", false);
        Mailbox second = user.open("INBOX", false);
        work.add(threads.submit(session(first, 0)));
        work.add(threads.submit(session(second, 1)));
        for (Future<?> f : work) {
            f.get(100, TimeUnit.SECONDS);
        }

        first.refresh();
        second.refresh();
        List<Long> uids = first.messages().stream().map(MailboxMessage::uid).toList();
        assertThat(uids).hasSize(DELIVERIES + APPENDS).doesNotHaveDuplicates().isSorted();
        assertThat(second.messages().stream().map(MailboxMessage::uid).toList()).isEqualTo(uids);
        assertThat(second.messages()).isEqualTo(first.messages());
        UidList list = UidList.read(inbox.directory());
        assertThat(list.size()).isEqualTo(DELIVERIES + APPENDS);
        Set<String> bases = new HashSet<>();
        first.messages().forEach(m -> bases.add(m.baseName()));
        assertThat(bases).hasSize(DELIVERIES + APPENDS);
        assertThat(inbox.directory().resolve(UidListLock.FILE_NAME)).doesNotExist();
        assertThat(Files.list(inbox.newDir()).count()).isZero();
        first.close();
        second.close();
    }

    /** Appends, refreshes and flags messages; the UIDs it sees must only ever grow. */
    private Callable<Void> session(Mailbox mailbox, int index) {
        return () -> {
            long highest = 0;
            for (int i = 0; i < APPENDS / 2; i++) {
                mailbox.append(MaildirMailboxTest.crlf("Subject: append " + index + "/" + i, "", "y"),
                        new MessageFlags(EnumSet.of(SystemFlag.SEEN), Set.of("k" + index)), Instant.now());
                Mailbox.Refresh refresh = mailbox.refresh();
                for (MailboxMessage added : refresh.added()) {
                    assertThat(added.uid()).isGreaterThan(highest);
                    highest = added.uid();
                }
                List<MailboxMessage> messages = mailbox.messages();
                if (!messages.isEmpty()) {
                    MailboxMessage target = messages.get(i % messages.size());
                    mailbox.setFlags(target, new MessageFlags(EnumSet.of(SystemFlag.FLAGGED), Set.of()));
                }
            }
            return null;
        };
    }
}
