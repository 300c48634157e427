package org.yubin.imap.search;

import java.time.ZoneId;
import java.util.function.Supplier;
import org.yubin.delivery.store.MailboxMessage;
import org.yubin.imap.message.ParsedMessage;

/**
 * What {@link SearchMatcher} knows of one message: its sequence number, stored state, whether
 * it is \Recent in this session, the largest sequence number and UID of the mailbox (what
 * {@code *} stands for), the zone internal dates are compared in, and a reader of the
 * content that is only called when a key needs it (at most once per message).
 */
public record SearchContext(long seq, MailboxMessage message, boolean recent, long largestSeq, long largestUid,
                            Supplier<ParsedMessage> content, ZoneId zone) {

    /** In the server's zone. */
    public SearchContext(long seq, MailboxMessage message, boolean recent, long largestSeq, long largestUid,
                         Supplier<ParsedMessage> content) {
        this(seq, message, recent, largestSeq, largestUid, content, ZoneId.systemDefault());
    }
}
