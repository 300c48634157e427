package org.yubin.admin;

import static org.yubin.log.LogText.printable;

import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

import org.apache.activemq.artemis.api.core.ActiveMQException;
import org.yubin.queue.QueueAdmin;
import org.yubin.queue.QueueClient;
import org.yubin.queue.QueueEntry;
import org.yubin.queue.QueueNames;

/**
 * {@code yubin queue list|flush|delete ID|hold ID|release ID}: the live queue, whether the
 * server runs (through its broker's admin port) or not (the command line opens the
 * queue itself; the server waits for the journal lock meanwhile). Each action that
 * changes the queue is logged in one line in the server log when the server runs.
 */
final class QueueCommand implements CliCommand {

    /** How long to wait for the journal when the server seems down but holds it (it is starting). */
    static final Duration LOCK_WAIT = Duration.ofSeconds(5);

    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("EEE MMM d HH:mm:ss yyyy", Locale.ROOT).withZone(ZoneId.systemDefault());

    @Override
    public String name() {
        return "queue";
    }

    @Override
    public List<String> usage() {
        return List.of(
                "queue list                 every entry of every queue (like mailq)",
                "queue flush                try every deferred entry now",
                "queue delete QUEUE-ID      remove the message's entries",
                "queue hold QUEUE-ID        move the message's entries to " + QueueNames.HOLD,
                "queue release QUEUE-ID     move them back from " + QueueNames.HOLD);
    }

    @Override
    public void run(List<String> args, CliContext context) throws CliException {
        if (args.isEmpty()) {
            throw new CliException("queue", "missing sub-command (list, flush, delete, hold, release)", 2);
        }
        String sub = args.get(0);
        String where = "queue " + sub;
        List<String> rest = args.subList(1, args.size());
        switch (sub) {
            case "list", "flush" -> {
                if (!rest.isEmpty()) {
                    throw new CliException(where, "unexpected argument '" + rest.get(0) + "'", 2);
                }
            }
            case "delete", "hold", "release" -> {
                if (rest.size() != 1) {
                    throw new CliException(where, rest.isEmpty() ? "missing QUEUE-ID" : "one QUEUE-ID only", 2);
                }
                if (!QueueAdmin.QUEUE_ID.matcher(rest.get(0)).matches()) {
                    throw new CliException(where, "bad queue id '" + printable(rest.get(0))
                            + "' (letters A-Z and digits only)", 2);
                }
            }
            default -> throw new CliException("queue", "unknown sub-command '" + printable(sub) + "'", 2);
        }
        try (QueueClient client = QueueClient.open(context.properties(), LOCK_WAIT)) {
            QueueAdmin admin = new QueueAdmin(client);
            String done = switch (sub) {
                case "list" -> {
                    print(admin.list(), context.out());
                    yield null;
                }
                case "flush" -> "flushed: " + admin.flush() + " deferred entries due now";
                case "delete" -> rest.get(0) + ": " + admin.delete(rest.get(0)) + " entries deleted";
                case "hold" -> rest.get(0) + ": " + admin.hold(rest.get(0)) + " entries put on hold";
                default -> rest.get(0) + ": " + admin.release(rest.get(0)) + " entries released";
            };
            if (done != null) {
                context.out().println(done);
                client.audit(where + (rest.isEmpty() ? "" : " " + rest.get(0)) + ": " + done);
            }
        } catch (IOException e) {
            throw new CliException(where, e.getMessage());
        } catch (ActiveMQException e) {
            throw new CliException(where, "queue broker: " + e.getMessage());
        }
    }

    /** Postfix mailq's layout: one block per entry, a blank line between, a summary at the end. */
    static void print(List<QueueEntry> entries, PrintStream out) {
        if (entries.isEmpty()) {
            out.println("Mail queue is empty");
            return;
        }
        out.println("-Queue ID-------- -Queue--------- --Size-- ----Arrival Time-------- -Sender/Recipient-------");
        long bytes = 0;
        for (QueueEntry e : entries) {
            String size = e.size() < 0 ? "?" : Long.toString(e.size());
            String arrival = e.arrival() == null ? "?" : TIME.format(e.arrival());
            out.printf("%-17s %-15s %8s %-24s  %s%n", e.queueId().isEmpty() ? "?" : e.queueId(), e.queue(), size,
                    arrival, e.sender().isEmpty() ? "MAILER-DAEMON" : printable(e.sender()));
            out.println("                                                            (" + status(e) + ")");
            e.recipients().forEach(r -> out.println("                                                            "
                    + printable(r)));
            out.println();
            bytes += Math.max(0, e.size());
        }
        out.println("-- " + (bytes + 1023) / 1024 + " Kbytes in " + entries.size()
                + (entries.size() == 1 ? " entry." : " entries."));
    }

    private static String status(QueueEntry e) {
        StringBuilder status = new StringBuilder(e.state());
        if (e.due() != null) {
            status.append(" until ").append(TIME.format(e.due()));
        }
        if (e.deliveryCount() >= 0) {
            status.append(", delivery attempts ").append(e.deliveryCount());
        }
        if (QueueNames.HOLD.equals(e.queue()) && e.origin() != null) {
            status.append(", held from ").append(e.origin());
        }
        return status.toString();
    }
}
