package org.yubin.smtp;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * One mail transaction, MAIL to the end of data (RFC 5321 3.3). BDAT chunks are gathered
 * here; their total never exceeds the size limit, as oversized chunks are not kept.
 * Confined to the session's thread.
 */
final class MailTransaction {

    final String queueId;
    final String mailFrom;
    final boolean smtpUtf8;
    final List<String> recipients = new ArrayList<>();
    private ByteArrayOutputStream chunks;
    private long chunkBytes;
    private boolean oversize;
    boolean lastChunkPending;

    MailTransaction(String queueId, String mailFrom, boolean smtpUtf8) {
        this.queueId = queueId;
        this.mailFrom = mailFrom;
        this.smtpUtf8 = smtpUtf8;
    }

    boolean usesChunks() {
        return chunks != null;
    }

    /** The first BDAT: the message will start with {@code prefix}, the Received field. */
    void startChunks(byte[] prefix) {
        chunks = new ByteArrayOutputStream();
        chunks.writeBytes(prefix);
    }

    /** Whether a chunk of {@code size} more bytes still fits; once over, the rest is dropped. */
    boolean acceptsChunk(long size, long limit) {
        if (!oversize && chunkBytes + size > limit) {
            oversize = true;
            chunks = new ByteArrayOutputStream(0);
        }
        return !oversize;
    }

    void addChunk(byte[] content, long size) {
        chunkBytes += size;
        if (content != null && !oversize) {
            chunks.writeBytes(content);
        }
    }

    boolean oversize() {
        return oversize;
    }

    long chunkBytes() {
        return chunkBytes;
    }

    /** The message: the Received field and the chunks. */
    byte[] chunkContent() {
        return chunks.toByteArray();
    }
}
