import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import org.yubin.delivery.Maildir;
import org.yubin.delivery.MaildirWriter;

/**
 * What writing the Maildir alone costs per message: yubin's MaildirWriter (tmp/, fsync,
 * link into new/, fsync of new/) from 32 threads into 50 mailboxes, round robin.
 * Prints messages/s and the process's CPU per message.
 *
 * Usage (ops/bench/component-floors.sh runs it): java -cp <yubin's classes and jars>
 *   MaildirFloor.java <warm-up> <messages> [size]; the mailboxes stay in java.io.tmpdir,
 *   which the script removes.
 */
public class MaildirFloor {
    private static final int THREADS = 32;
    private static final int MAILBOXES = 50;

    public static void main(String[] args) throws Exception {
        int warmUp = Integer.parseInt(args[0]);
        int messages = Integer.parseInt(args[1]);
        int size = args.length > 2 ? Integer.parseInt(args[2]) : 4096;
        Path root = Files.createTempDirectory("maildir-floor");
        Maildir[] mailboxes = new Maildir[MAILBOXES];
        for (int i = 0; i < MAILBOXES; i++) {
            mailboxes[i] = Maildir.at(root.resolve("user" + i).resolve("Maildir"));
        }
        byte[] message = ("Subject: floor\r\n\r\n" + "x".repeat(Math.max(0, size - 20)) + "\r\n")
                .getBytes(StandardCharsets.US_ASCII);
        MaildirWriter writer = new MaildirWriter("mx.example.com");
        AtomicLong sequence = new AtomicLong();
        run(writer, mailboxes, message, sequence, warmUp);
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long cpu = os.getProcessCpuTime();
        long start = System.nanoTime();
        run(writer, mailboxes, message, sequence, messages);
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("maildir floor: %d x %d bytes, %.0f msg/s, %.3f ms CPU per message%n", messages,
                message.length, messages / seconds, (os.getProcessCpuTime() - cpu) / 1e6 / messages);
    }

    private static void run(MaildirWriter writer, Maildir[] mailboxes, byte[] message, AtomicLong sequence,
                            int messages) throws InterruptedException {
        AtomicLong left = new AtomicLong(messages);
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            threads.add(new Thread(() -> {
                try {
                    while (left.getAndDecrement() > 0) {
                        long n = sequence.incrementAndGet();
                        writer.deliverOnce(mailboxes[(int) (n % MAILBOXES)], String.format("F%015d", n),
                                1_800_000_000L, false, message);
                    }
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }));
        }
        threads.forEach(Thread::start);
        for (Thread thread : threads) {
            thread.join();
        }
    }
}
