package org.yubin.imap.search;

import java.time.LocalDate;
import java.util.List;
import org.yubin.delivery.store.MessageFlags.SystemFlag;
import org.yubin.imap.codec.SequenceSet;

/**
 * One search key of RFC 3501 section 6.4.4 (and CONDSTORE's MODSEQ, RFC 7162 section 3.1.5).
 * Keys that only differ in a flag or a field are one record: ANSWERED is
 * {@code Flag(ANSWERED, true)}, UNANSWERED {@code Flag(ANSWERED, false)}, FROM is
 * {@code Header("From", ...)}; NEW and OLD are written as And/Not of RECENT and SEEN.
 */
public sealed interface SearchKey {

    /** Whether matching reads the message content (headers or body). */
    default boolean needsContent() {
        return false;
    }

    /** ALL */
    record All() implements SearchKey {
    }

    /** A list of keys that must all match: the top level and {@code ( ... )}. */
    record And(List<SearchKey> keys) implements SearchKey {
        public And {
            keys = List.copyOf(keys);
        }

        @Override
        public boolean needsContent() {
            return keys.stream().anyMatch(SearchKey::needsContent);
        }
    }

    record Or(SearchKey left, SearchKey right) implements SearchKey {
        @Override
        public boolean needsContent() {
            return left.needsContent() || right.needsContent();
        }
    }

    record Not(SearchKey key) implements SearchKey {
        @Override
        public boolean needsContent() {
            return key.needsContent();
        }
    }

    /** ANSWERED DELETED DRAFT FLAGGED SEEN (set) and their UN- forms. */
    record Flag(SystemFlag flag, boolean set) implements SearchKey {
    }

    /** KEYWORD / UNKEYWORD; keywords compare case-insensitively. */
    record Keyword(String keyword, boolean set) implements SearchKey {
    }

    /** RECENT (NEW is RECENT UNSEEN, OLD is NOT RECENT). */
    record Recent() implements SearchKey {
    }

    /** How a date key compares: BEFORE, ON, SINCE (on or after). */
    enum DateComparison { BEFORE, ON, SINCE }

    /** BEFORE ON SINCE: the internal date's calendar day in the server's zone. */
    record InternalDate(DateComparison comparison, LocalDate date) implements SearchKey {
    }

    /** SENTBEFORE SENTON SENTSINCE: the Date: header's calendar day in its own zone. */
    record SentDate(DateComparison comparison, LocalDate date) implements SearchKey {
        @Override
        public boolean needsContent() {
            return true;
        }
    }

    /** LARGER n (RFC822.SIZE greater than n) or SMALLER n (less than n). */
    record Size(long octets, boolean larger) implements SearchKey {
    }

    /**
     * HEADER field value, and FROM TO CC BCC SUBJECT: case-insensitive substring of the decoded
     * value; an empty value matches any message that has the field.
     */
    record Header(String field, String value) implements SearchKey {
        @Override
        public boolean needsContent() {
            return true;
        }
    }

    /** BODY: substring of the decoded body text. */
    record Body(String value) implements SearchKey {
        @Override
        public boolean needsContent() {
            return true;
        }
    }

    /** TEXT: substring of the decoded header or body. */
    record Text(String value) implements SearchKey {
        @Override
        public boolean needsContent() {
            return true;
        }
    }

    /** A message sequence number set. */
    record Sequence(SequenceSet set) implements SearchKey {
    }

    /** UID set. */
    record Uid(SequenceSet set) implements SearchKey {
    }

    /**
     * MODSEQ [entry-name entry-type] n: mod-sequence at least n. The entry name and type
     * (null when absent) do not narrow the match: flags share one mod-sequence here.
     */
    record ModSeq(long modSeq, String entryName, String entryType) implements SearchKey {
    }
}
