package org.yubin.delivery.store;

/** What a user's mail takes: bytes as stored and number of messages. */
public record QuotaUsage(long bytes, long messages) {
}
