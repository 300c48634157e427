package org.yubin.delivery.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class MailboxEventsTest extends AliceStoreTest {

    @BeforeEach
    void setUp() throws Exception {
        inbox.create();
    }

    @Test
    void anInJvmAppendReachesEveryListenerOfTheMailboxWithinASecond() throws Exception {
        Semaphore first = new Semaphore(0);
        Semaphore second = new Semaphore(0);
        try (AutoCloseable a = store.events().watch(inbox.directory(), first::release);
             AutoCloseable b = store.events().watch(inbox.directory(), second::release);
             Mailbox mailbox = user.open("INBOX", false)) {
            mailbox.append(MaildirMailboxTest.crlf("Subject: x", "", "y"), MessageFlags.NONE, Instant.now());

            assertThat(first.tryAcquire(1, TimeUnit.SECONDS)).isTrue();
            assertThat(second.tryAcquire(1, TimeUnit.SECONDS)).isTrue();
        }
    }

    @Test
    void aFileMovedInByAnotherProcessIsNoticedWithinASecondWithoutAnnouncement() throws Exception {
        Semaphore notified = new Semaphore(0);
        Path elsewhere = Files.writeString(inbox.tmp().resolve("1700000000.M1P1.other"), "Subject: x\n\ny\n");
        try (AutoCloseable watch = store.events().watch(inbox.directory(), notified::release)) {
            Files.move(elsewhere, inbox.newDir().resolve(elsewhere.getFileName()));

            assertThat(notified.tryAcquire(1, TimeUnit.SECONDS)).isTrue();
        }
    }

    @Test
    void withoutInotifyAFileMovedInByAnotherProcessIsStillNoticedWithinASecond() throws Exception {
        try (DirectoryMailboxEvents polling = new DirectoryMailboxEvents(false)) {
            Semaphore notified = new Semaphore(0);
            Path elsewhere = Files.writeString(inbox.tmp().resolve("1700000000.M3P1.other"), "Subject: x\n\ny\n");
            try (AutoCloseable watch = polling.watch(inbox.directory(), notified::release)) {
                Thread.sleep(DirectoryMailboxEvents.POLL_MILLIS * 3);
                notified.drainPermits();
                Files.move(elsewhere, inbox.newDir().resolve(elsewhere.getFileName()));

                assertThat(notified.tryAcquire(1, TimeUnit.SECONDS)).isTrue();
            }
        }
    }

    @Test
    void aClosedWatchHearsNothingMoreWhileOtherMailboxesAreNotDisturbed() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        Semaphore other = new Semaphore(0);
        user.create("Sent");
        Path sent = inbox.folder("Sent").directory();
        AutoCloseable watch = store.events().watch(inbox.directory(), calls::incrementAndGet);
        try (AutoCloseable sentWatch = store.events().watch(sent, other::release)) {
            watch.close();
            store.events().changed(inbox.directory());
            Files.writeString(inbox.newDir().resolve("1700000000.M2P1.other"), "x\n");
            store.events().changed(sent);

            assertThat(other.tryAcquire(1, TimeUnit.SECONDS)).isTrue();
            // events are dispatched in order on one thread: an inbox call would have come before this one
            assertThat(calls).hasValue(0);
        }
    }
}
