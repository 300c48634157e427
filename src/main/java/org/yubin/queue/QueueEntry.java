package org.yubin.queue;

import java.time.Instant;
import java.util.List;

/**
 * One entry of the live queue as {@code yubin queue list} shows it.
 *
 * @param queueId       the message's queue id (several entries share it after the split)
 * @param queue         the queue it waits on
 * @param state         {@code active}, {@code deferred} or {@code delivering}
 * @param size          body bytes, -1 when the broker does not say (external broker)
 * @param deliveryCount attempts so far, -1 when unknown
 * @param due           when a deferred entry is tried again, null when unknown or not deferred
 * @param arrival       when the message was accepted, null when unknown
 * @param sender        the envelope sender, empty for the null sender
 * @param recipients    its recipient (after the split) or recipients (before it)
 * @param origin        for held entries, the queue {@code release} puts it back on; else null
 */
public record QueueEntry(String queueId, String queue, String state, long size, int deliveryCount, Instant due,
                         Instant arrival, String sender, List<String> recipients, String origin) {

    public QueueEntry {
        recipients = List.copyOf(recipients);
    }
}
