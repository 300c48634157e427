package org.yubin.queue;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.apache.activemq.artemis.api.core.ActiveMQException;
import org.apache.activemq.artemis.api.core.Message;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.api.core.client.ClientMessage;
import org.apache.activemq.artemis.api.core.client.ClientRequestor;
import org.apache.activemq.artemis.api.core.client.ClientSession;
import org.apache.activemq.artemis.api.core.management.ManagementHelper;
import org.apache.activemq.artemis.api.core.management.ResourceNames;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The queue's administration (Postfix's {@code mailq}, {@code postqueue -f},
 * {@code postsuper -d/-h/-H}) through Artemis management messages on a
 * {@link QueueClient}: the same calls for the running server's broker, the command
 * line's own and an external one. An entry that a consumer is processing at that very
 * moment is not moved or removed (the broker does not touch deliveries in progress).
 * Not thread-safe.
 */
public final class QueueAdmin {

    /** Queue ids as {@code QueueIdGenerator} makes them: upper-case letters and digits. */
    public static final Pattern QUEUE_ID = Pattern.compile("[0-9A-Z]{1,64}");

    private static final String MANAGEMENT_ADDRESS = "activemq.management";
    private static final long TIMEOUT_MILLIS = 60_000;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final QueueClient client;
    private final ClientSession session;

    public QueueAdmin(QueueClient client) {
        this.client = client;
        this.session = client.session();
    }

    /** Every entry, oldest message first. */
    public List<QueueEntry> list() throws IOException {
        List<Map<String, Object>> raw = new ArrayList<>();
        if (client.mode() == QueueClient.Mode.EXTERNAL) {
            // a broker of others' making knows no QueueListing: the standard listings
            for (String queue : existing(QueueNames.ALL)) {
                raw.addAll(standardListing(queue, "listMessagesAsJSON", "active", ""));
                raw.addAll(standardListing(queue, "listScheduledMessagesAsJSON", "deferred"));
            }
        } else {
            raw.addAll(parse(invoke(QueueListing.RESOURCE, "listEntriesAsJSON")));
        }
        return raw.stream().map(QueueAdmin::entry)
                .sorted(Comparator.comparing((QueueEntry e) -> e.arrival() == null ? Instant.MAX : e.arrival())
                        .thenComparing(QueueEntry::queueId))
                .toList();
    }

    /** Makes every deferred entry due now; returns how many there were. */
    public int flush() throws IOException {
        int deferred = (int) list().stream().filter(e -> e.state().equals("deferred")).count();
        for (String queue : existing(QueueNames.ALL)) {
            if (!queue.equals(QueueNames.HOLD)) {
                invoke(ResourceNames.QUEUE + queue, "deliverScheduledMessages", "");
            }
        }
        return deferred;
    }

    /** Removes every entry of message {@code queueId}, from every queue; returns how many. */
    public int delete(String queueId) throws IOException {
        String filter = filter(queueId);
        int removed = 0;
        for (String queue : existing(QueueNames.ALL)) {
            removed += count(invoke(ResourceNames.QUEUE + queue, "removeMessages", filter));
        }
        return removed;
    }

    /** Moves every entry of {@code queueId} to {@link QueueNames#HOLD}; returns how many. */
    public int hold(String queueId) throws IOException {
        String filter = filter(queueId);
        ensure(QueueNames.HOLD);
        int moved = 0;
        for (String queue : existing(QueueNames.ALL)) {
            if (!queue.equals(QueueNames.HOLD)) {
                // Artemis keeps the source queue in _AMQ_ORIG_QUEUE of the copy: release reads it
                moved += count(invoke(ResourceNames.QUEUE + queue, "moveMessages", filter, QueueNames.HOLD));
            }
        }
        return moved;
    }

    /** Moves the held entries of {@code queueId} back to the queues they came from; returns how many. */
    public int release(String queueId) throws IOException {
        String filter = filter(queueId);
        if (existing(List.of(QueueNames.HOLD)).isEmpty()) {
            return 0;
        }
        int moved = 0;
        for (String origin : QueueNames.ALL) {
            if (!origin.equals(QueueNames.HOLD)) {
                String fromOrigin = filter + " AND " + Message.HDR_ORIGINAL_QUEUE + " = '" + origin + "'";
                ensure(origin);
                moved += count(invoke(ResourceNames.QUEUE + QueueNames.HOLD, "moveMessages", fromOrigin, origin));
            }
        }
        return moved;
    }

    /** The selector for one message; {@code queueId} must match {@link #QUEUE_ID}. */
    static String filter(String queueId) {
        if (!QUEUE_ID.matcher(queueId).matches()) {
            throw new IllegalArgumentException("bad queue id '" + queueId + "'");
        }
        return EnvelopeHeaders.QUEUE_ID + " = '" + queueId + "'";
    }

    private List<String> existing(List<String> queues) throws IOException {
        List<String> found = new ArrayList<>();
        try {
            for (String queue : queues) {
                if (session.queueQuery(SimpleString.of(queue)).isExists()) {
                    found.add(queue);
                }
            }
        } catch (ActiveMQException e) {
            throw new IOException("queue broker: " + e.getMessage(), e);
        }
        return found;
    }

    private void ensure(String queue) throws IOException {
        try {
            client.ensureQueue(queue);
        } catch (ActiveMQException e) {
            throw new IOException("cannot create " + queue + ": " + e.getMessage(), e);
        }
    }

    private List<Map<String, Object>> standardListing(String queue, String operation, String state, Object... params)
            throws IOException {
        List<Map<String, Object>> entries = parse(invoke(ResourceNames.QUEUE + queue, operation, params));
        entries.forEach(e -> {
            e.put(QueueListing.QUEUE, queue);
            e.put(QueueListing.STATE, state);
        });
        return entries;
    }

    private Object invoke(String resource, String operation, Object... params) throws IOException {
        try (ClientRequestor requestor = new ClientRequestor(session, MANAGEMENT_ADDRESS)) {
            ClientMessage request = session.createMessage(false);
            ManagementHelper.putOperationInvocation(request, resource, operation, params);
            ClientMessage reply = requestor.request(request, TIMEOUT_MILLIS);
            if (reply == null) {
                throw new IOException("queue broker did not answer " + operation + " within " + TIMEOUT_MILLIS / 1000 + "s");
            }
            Object result = ManagementHelper.getResult(reply);
            if (!ManagementHelper.hasOperationSucceeded(reply)) {
                throw new IOException("queue broker refused " + operation + " on " + resource + ": " + result);
            }
            return result;
        } catch (IOException e) {
            throw e;
        } catch (Exception e) {
            throw new IOException("queue broker: " + operation + " failed: " + e.getMessage(), e);
        }
    }

    private static List<Map<String, Object>> parse(Object json) throws IOException {
        return JSON.readValue(String.valueOf(json), new TypeReference<List<Map<String, Object>>>() { });
    }

    private static int count(Object result) {
        return result instanceof Number n ? n.intValue() : Integer.parseInt(String.valueOf(result));
    }

    private static QueueEntry entry(Map<String, Object> raw) {
        String recipients = text(raw, EnvelopeHeaders.RECIPIENT);
        if (recipients.isEmpty()) {
            recipients = text(raw, EnvelopeHeaders.RECIPIENTS);
        }
        return new QueueEntry(text(raw, EnvelopeHeaders.QUEUE_ID), text(raw, QueueListing.QUEUE),
                text(raw, QueueListing.STATE), number(raw, QueueListing.SIZE), (int) number(raw, QueueListing.DELIVERY_COUNT),
                instant(raw, QueueListing.DUE), instant(raw, EnvelopeHeaders.ARRIVAL_TIME),
                text(raw, EnvelopeHeaders.MAIL_FROM),
                recipients.lines().map(String::strip).filter(r -> !r.isEmpty()).toList(),
                raw.get(Message.HDR_ORIGINAL_QUEUE.toString()) instanceof String origin ? origin : null);
    }

    private static String text(Map<String, Object> raw, String key) {
        Object value = raw.get(key);
        return value == null ? "" : value.toString();
    }

    private static long number(Map<String, Object> raw, String key) {
        Object value = raw.get(key);
        if (value instanceof Number n) {
            return n.longValue();
        }
        try {
            return value == null ? -1 : Long.parseLong(value.toString());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static Instant instant(Map<String, Object> raw, String key) {
        long millis = number(raw, key);
        return millis > 0 ? Instant.ofEpochMilli(millis) : null;
    }
}
