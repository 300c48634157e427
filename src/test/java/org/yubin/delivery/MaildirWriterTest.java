package org.yubin.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MaildirWriterTest {

    private static final Pattern NAME = Pattern.compile("(\\d+)\\.Y([A-Za-z0-9]+)\\.(.+),S=(\\d+),W=(\\d+)");
    private static final long ARRIVAL = 1_732_700_000L;

    @TempDir
    Path home;

    private final MaildirWriter writer = new MaildirWriter("mx.example.test");

    @Test
    void deliveryCreatesTheMaildirWithPrivateDirectoriesAndLeavesTmpEmpty() throws IOException {
        Maildir maildir = Maildir.at(home.resolve("Maildir"));

        StoredMessage stored = writer.deliverOnce(maildir, "4XyZ1", ARRIVAL, false, crlf("Subject: hi", "", "body"));

        assertThat(stored.alreadyPresent()).isFalse();
        assertThat(stored.path().getParent()).isEqualTo(maildir.newDir());
        for (Path dir : List.of(maildir.root(), maildir.cur(), maildir.newDir(), maildir.tmp())) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir))).isEqualTo("rwx------");
        }
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(stored.path()))).isEqualTo("rw-------");
        assertThat(list(maildir.tmp())).isEmpty();
        assertThat(list(maildir.cur())).isEmpty();
    }

    @Test
    void theFileNameCarriesArrivalQueueIdHostAndTheStoredSizes() throws IOException {
        Maildir maildir = Maildir.at(home.resolve("Maildir"));
        byte[] message = crlf("Subject: sizes", "", "line one", "line two");

        Path path = writer.deliverOnce(maildir, "Q1", ARRIVAL, false, message).path();

        Matcher name = NAME.matcher(path.getFileName().toString());
        assertThat(name.matches()).as(path.getFileName().toString()).isTrue();
        assertThat(name.group(1)).isEqualTo(Long.toString(ARRIVAL));
        assertThat(name.group(2)).isEqualTo("Q1");
        assertThat(name.group(3)).isEqualTo("mx.example.test");
        assertThat(Long.parseLong(name.group(4))).isEqualTo(Files.size(path));
        assertThat(Long.parseLong(name.group(5))).isEqualTo(message.length);
    }

    @Test
    void crlfIsStoredAsLfAndEveryOtherByteIsKept() throws IOException {
        Maildir maildir = Maildir.at(home.resolve("Maildir"));
        byte[] first = "A: 1\r".getBytes(StandardCharsets.US_ASCII);
        byte[] second = {'\n', 'x', '\r', 'y', (byte) 0xe3, (byte) 0x81, (byte) 0x82, 0x1b, '$', 'B', '\r', '\n', '\r'};

        Path path = writer.deliverOnce(maildir, "Q2", ARRIVAL, false, first, second).path();

        byte[] expected = {'A', ':', ' ', '1', '\n', 'x', '\r', 'y', (byte) 0xe3, (byte) 0x81, (byte) 0x82, 0x1b, '$', 'B', '\n', '\r'};
        assertThat(Files.readAllBytes(path)).isEqualTo(expected);
    }


    @Test
    void onlyTheCrRightBeforeEachLfGoesAndTheVirtualSizeCountsEveryLfAsCrlf() throws IOException {
        Maildir maildir = Maildir.at(home.resolve("Maildir"));
        byte[][] parts = {ascii("a\r\r\n"), new byte[0], ascii("b\nc\r"), ascii("\r\n"), ascii("\n")};

        Path path = writer.deliverOnce(maildir, "Q3", ARRIVAL, false, parts).path();

        assertThat(Files.readAllBytes(path)).isEqualTo(ascii("a\r\nb\nc\r\n\n"));
        Matcher name = NAME.matcher(path.getFileName().toString());
        assertThat(name.matches()).isTrue();
        assertThat(name.group(4)).isEqualTo("9");
        assertThat(name.group(5)).isEqualTo("13");
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
    @Test
    void hostnameSlashAndColonAreEscapedAsDovecotDoes() throws IOException {
        Maildir maildir = Maildir.at(home.resolve("Maildir"));

        Path path = new MaildirWriter("odd/host:name").deliverOnce(maildir, "Q3", ARRIVAL, false, crlf("", "x")).path();

        assertThat(path.getFileName().toString()).startsWith(ARRIVAL + ".YQ3.odd\\057host\\072name,S=");
    }

    @Test
    void theSameQueueIdDeliveredTwiceIsStoredOnce() throws IOException {
        Maildir maildir = Maildir.at(home.resolve("Maildir"));
        byte[] message = crlf("Subject: once", "", "body");

        StoredMessage first = writer.deliverOnce(maildir, "Q4", ARRIVAL, false, message);
        StoredMessage second = writer.deliverOnce(maildir, "Q4", ARRIVAL, false, message);

        assertThat(second.alreadyPresent()).isTrue();
        assertThat(second.path()).isEqualTo(first.path());
        assertThat(list(maildir.newDir())).hasSize(1);
        assertThat(list(maildir.tmp())).isEmpty();
    }

    @Test
    void aRedeliveryFindsTheCopyTheUserAlreadyMovedToCur() throws IOException {
        Maildir maildir = Maildir.at(home.resolve("Maildir"));
        byte[] message = crlf("Subject: seen", "", "body");
        Path delivered = writer.deliverOnce(maildir, "Q5", ARRIVAL, false, message).path();
        Path seen = Files.move(delivered, maildir.cur().resolve(delivered.getFileName() + ":2,S"));

        StoredMessage again = writer.deliverOnce(maildir, "Q5", ARRIVAL, true, message);

        assertThat(again.alreadyPresent()).isTrue();
        assertThat(again.path()).isEqualTo(seen);
        assertThat(list(maildir.newDir())).isEmpty();
        assertThat(list(maildir.cur())).containsExactly(seen);
    }

    @Test
    void aRedeliveryIntoAMailboxThatDoesNotExistYetCreatesIt() throws IOException {
        Maildir maildir = Maildir.at(home.resolve("Maildir"));

        StoredMessage stored = writer.deliverOnce(maildir, "Q6", ARRIVAL, true, crlf("Subject: first", "", "body"));

        assertThat(stored.alreadyPresent()).isFalse();
        assertThat(list(maildir.newDir())).containsExactly(stored.path());
    }

    @Test
    void aMailboxMissingPartsIsCompletedBeforeTheMessageIsLinked() throws IOException {
        Maildir maildir = Maildir.at(home.resolve("Maildir"));
        Files.createDirectories(maildir.tmp());

        StoredMessage stored = writer.deliverOnce(maildir, "Q7", ARRIVAL, false, crlf("Subject: repaired", "", "body"));

        assertThat(stored.path().getParent()).isEqualTo(maildir.newDir());
        assertThat(maildir.cur()).isDirectory();
        assertThat(list(maildir.tmp())).isEmpty();
    }

    @Test
    void aQueueIdThatIsAPrefixOfAnotherIsNotMistakenForIt() throws IOException {
        Maildir maildir = Maildir.at(home.resolve("Maildir"));
        writer.deliverOnce(maildir, "Q6x", ARRIVAL, false, crlf("", "a"));

        StoredMessage other = writer.deliverOnce(maildir, "Q6", ARRIVAL, true, crlf("", "b"));

        assertThat(other.alreadyPresent()).isFalse();
        assertThat(list(maildir.newDir())).hasSize(2);
    }

    @Test
    void queueIdsThatCouldBreakTheFileNameAreRefusedBeforeAnythingIsCreated() {
        Maildir maildir = Maildir.at(home.resolve("Maildir"));
        for (String bad : new String[] {"", "../x", "a/b", "a.b", "a:2,S", "a\u0000b", "x".repeat(65)}) {
            assertThatThrownBy(() -> writer.deliverOnce(maildir, bad, ARRIVAL, false, crlf("", "x")))
                    .as(bad).isInstanceOf(IllegalArgumentException.class);
        }
        assertThat(Files.exists(maildir.root())).isFalse();
    }

    @Test
    void manyThreadsDeliveringDifferentMessagesToOneMaildirAllLandWithDistinctNames() throws Exception {
        Maildir maildir = Maildir.at(home.resolve("Maildir"));
        int threads = 8;
        int perThread = 25;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<List<Path>>> results = new ArrayList<>();
        try {
            for (int t = 0; t < threads; t++) {
                int thread = t;
                Callable<List<Path>> task = () -> {
                    start.await();
                    List<Path> paths = new ArrayList<>();
                    for (int i = 0; i < perThread; i++) {
                        String queueId = "T" + thread + "M" + i;
                        paths.add(writer.deliverOnce(maildir, queueId, ARRIVAL, false, crlf("Subject: " + queueId, "", "body")).path());
                    }
                    return paths;
                };
                results.add(pool.submit(task));
            }
            start.countDown();
            Set<Path> all = new HashSet<>();
            for (Future<List<Path>> result : results) {
                all.addAll(result.get());
            }
            assertThat(all).hasSize(threads * perThread);
        } finally {
            pool.shutdownNow();
        }
        assertThat(list(maildir.newDir())).hasSize(threads * perThread);
        assertThat(list(maildir.tmp())).isEmpty();
    }

    @Test
    void twoRacingDeliveriesOfTheSameMessageStoreItOnce() throws Exception {
        Maildir maildir = Maildir.at(home.resolve("Maildir"));
        byte[] message = crlf("Subject: race", "", "x".repeat(200_000));
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 20; round++) {
                String queueId = "R" + round;
                CountDownLatch start = new CountDownLatch(1);
                Callable<StoredMessage> task = () -> {
                    start.await();
                    return writer.deliverOnce(maildir, queueId, ARRIVAL, false, message);
                };
                Future<StoredMessage> a = pool.submit(task);
                Future<StoredMessage> b = pool.submit(task);
                start.countDown();
                assertThat(a.get().alreadyPresent() && b.get().alreadyPresent()).isFalse();
                assertThat(a.get().path()).isEqualTo(b.get().path());
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(list(maildir.newDir())).hasSize(20);
        assertThat(list(maildir.tmp())).isEmpty();
    }

    static byte[] crlf(String... lines) {
        return (String.join("\r\n", lines) + "\r\n").getBytes(StandardCharsets.UTF_8);
    }

    static List<Path> list(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.toList();
        }
    }
}
