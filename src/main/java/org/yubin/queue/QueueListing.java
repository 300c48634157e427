package org.yubin.queue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.activemq.artemis.api.core.Message;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.core.server.ActiveMQServer;
import org.apache.activemq.artemis.core.server.MessageReference;
import org.apache.activemq.artemis.core.server.Queue;
import org.apache.activemq.artemis.utils.collections.LinkedListIterator;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A management resource of the embedded broker ({@link #RESOURCE}) that lists every
 * queue entry with what the standard {@code QueueControl} listings leave out: the
 * delivery count, the time a deferred entry is due again and the body size. The
 * command line calls {@link #listEntriesAsJSON()} through the core management address.
 * Reads only; safe to call while the routes consume.
 */
public final class QueueListing {

    /** The resource name under which the broker registers it. */
    public static final String RESOURCE = "yubin.queue-listing";
    /** Entry fields (JSON keys). */
    public static final String QUEUE = "queue";
    public static final String STATE = "state";
    public static final String SIZE = "size";
    public static final String DELIVERY_COUNT = "deliveryCount";
    public static final String DUE = "due";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final ActiveMQServer server;

    QueueListing(ActiveMQServer server) {
        this.server = server;
    }

    /**
     * Every entry of the queues in {@link QueueNames#ALL}: {@code queue}, {@code state}
     * ({@code active}: waiting for a consumer, {@code deferred}: scheduled for
     * {@code due} (epoch ms), {@code delivering}: being processed now), {@code size}
     * (body bytes), {@code deliveryCount} and the {@code Yubin*} envelope properties.
     */
    public String listEntriesAsJSON() throws JsonProcessingException {
        List<Map<String, Object>> entries = new ArrayList<>();
        for (String name : QueueNames.ALL) {
            Queue queue = server.locateQueue(SimpleString.of(name));
            if (queue == null) {
                continue;
            }
            try (LinkedListIterator<MessageReference> refs = queue.browserIterator()) {
                while (refs.hasNext()) {
                    entries.add(entry(name, "active", refs.next()));
                }
            }
            for (MessageReference ref : queue.getScheduledMessages()) {
                entries.add(entry(name, "deferred", ref));
            }
            for (List<MessageReference> refs : queue.getDeliveringMessages().values()) {
                refs.forEach(ref -> entries.add(entry(name, "delivering", ref)));
            }
        }
        return JSON.writeValueAsString(entries);
    }

    private static Map<String, Object> entry(String queue, String state, MessageReference ref) {
        Message message = ref.getMessage();
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put(QUEUE, queue);
        entry.put(STATE, state);
        entry.put(SIZE, bodySize(message));
        entry.put(DELIVERY_COUNT, ref.getDeliveryCount());
        long due = ref.getScheduledDeliveryTime();
        if (due > 0) {
            entry.put(DUE, due);
        }
        for (SimpleString property : message.getPropertyNames()) {
            String key = property.toString();
            if (key.startsWith("Yubin") || key.equals(Message.HDR_ORIGINAL_QUEUE.toString())) {
                Object value = message.getObjectProperty(property);
                entry.put(key, value instanceof SimpleString s ? s.toString() : value);
            }
        }
        return entry;
    }

    private static long bodySize(Message message) {
        if (message.isLargeMessage()) {
            Long large = message.getLongProperty(Message.HDR_LARGE_BODY_SIZE);
            return large == null ? -1 : large;
        }
        try {
            return message.toCore().getBodyBufferSize();
        } catch (RuntimeException e) {
            return -1;
        }
    }
}
