package org.yubin.imap.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.yubin.delivery.store.MailboxMessage;
import org.yubin.delivery.store.MessageFlags;
import org.yubin.delivery.store.MessageFlags.SystemFlag;
import org.yubin.imap.message.ParsedMessage;
import org.yubin.imap.message.SampleMessages;

class SearchMatcherTest {

    private static final ZoneId TOKYO = ZoneId.of("Asia/Tokyo");

    private final AtomicInteger reads = new AtomicInteger();

    private SearchContext context(String sample, MessageFlags flags, boolean recent) {
        ParsedMessage parsed = SampleMessages.parsed(sample);
        // 2025-02-05 23:30 UTC is already the 6th in Tokyo.
        MailboxMessage message = new MailboxMessage(20, "b", parsed.size(), parsed.size(), flags,
                Instant.parse("2025-02-05T23:30:00Z"), 300);
        return new SearchContext(3, message, recent, 10, 25, () -> {
            reads.incrementAndGet();
            return parsed;
        }, TOKYO);
    }

    private boolean matches(String search, SearchContext context) throws Exception {
        return SearchMatcher.matches(SearchRequestTest.parse(search), context);
    }

    private boolean matches(String search, String sample) throws Exception {
        return matches(search, context(sample, MessageFlags.NONE, false));
    }

    @Test
    void flagsKeywordsAndRecent() throws Exception {
        SearchContext ctx = context("simple", new MessageFlags(EnumSet.of(SystemFlag.SEEN), Set.of("$Label1")), true);
        assertThat(matches("SEEN UNANSWERED KEYWORD $label1 UNKEYWORD $Other RECENT", ctx)).isTrue();
        assertThat(matches("NEW", ctx)).isFalse();
        assertThat(matches("OLD", ctx)).isFalse();
        assertThat(matches("OR DELETED FLAGGED", ctx)).isFalse();
        assertThat(matches("NOT DRAFT", ctx)).isTrue();
        assertThat(reads).hasValue(0);
    }

    @Test
    void sequenceAndUidSetsResolveStar() throws Exception {
        SearchContext ctx = context("simple", MessageFlags.NONE, false);
        assertThat(matches("3", ctx)).isTrue();
        assertThat(matches("4:*", ctx)).isFalse();
        assertThat(matches("UID 20", ctx)).isTrue();
        assertThat(matches("UID 21:*", ctx)).isFalse();
        assertThat(matches("UID 30:*", ctx)).isFalse();
        assertThat(matches("UID *", ctx)).isFalse();
        assertThat(matches("MODSEQ 300", ctx)).isTrue();
        assertThat(matches("MODSEQ 301", ctx)).isFalse();
    }

    @Test
    void internalDateComparesByDayInTheServerZone() throws Exception {
        SearchContext ctx = context("simple", MessageFlags.NONE, false);
        assertThat(matches("ON 6-Feb-2025", ctx)).isTrue();
        assertThat(matches("SINCE 6-Feb-2025 BEFORE 7-Feb-2025", ctx)).isTrue();
        assertThat(matches("BEFORE 6-Feb-2025", ctx)).isFalse();
        assertThat(matches("SINCE 7-Feb-2025", ctx)).isFalse();
    }

    @Test
    void sentDateComparesTheDateHeadersOwnDay() throws Exception {
        // Fri, 7 Feb 2025 23:30:00 -0800 is the 8th in UTC, but SENTON uses the header's own day.
        assertThat(matches("SENTON 7-Feb-2025", "utf8")).isTrue();
        assertThat(matches("SENTBEFORE 7-Feb-2025", "utf8")).isFalse();
        assertThat(matches("SENTSINCE 7-Feb-2025 SENTBEFORE 8-Feb-2025", "utf8")).isTrue();
        // No Date: header: sent in 1970, as Dovecot has it.
        assertThat(matches("SENTON 6-Feb-2025", "case")).isFalse();
        assertThat(matches("SENTBEFORE 2-Jan-1970", "case")).isTrue();
    }

    @Test
    void sizeKeys() throws Exception {
        int size = SampleMessages.crlf("simple").length;
        assertThat(matches("LARGER " + (size - 1) + " SMALLER " + (size + 1), "simple")).isTrue();
        assertThat(matches("LARGER " + size, "simple")).isFalse();
        assertThat(matches("SMALLER " + size, "simple")).isFalse();
    }

    @Test
    void headerKeysMatchDecodedTextCaseInsensitively() throws Exception {
        assertThat(matches("CHARSET UTF-8 SUBJECT \"会議\"", "iso2022jp")).isTrue();
        assertThat(matches("CHARSET UTF-8 FROM \"山田\"", "iso2022jp")).isTrue();
        // Full case folding, as i;unicode-casemap: ß matches SS.
        assertThat(matches("CHARSET UTF-8 SUBJECT \"GRÜSSE\"", "utf8")).isTrue();
        assertThat(matches("CHARSET UTF-8 SUBJECT \"Grüße aus Berlin\"", "utf8")).isFalse();
        assertThat(matches("CHARSET UTF-8 SUBJECT \"GRÜßE aus\"", "utf8")).isTrue();
        assertThat(matches("FROM juergen@EXAMPLE.de", "utf8")).isTrue();
        assertThat(matches("TO carol", "simple")).isTrue();
        assertThat(matches("CC dave BCC dave", "simple")).isFalse();
        assertThat(matches("HEADER In-Reply-To \"\"", "simple")).isTrue();
        assertThat(matches("HEADER In-Reply-To \"\"", "utf8")).isFalse();
        assertThat(matches("HEADER message-id 1234@EXAMPLE", "simple")).isTrue();
        assertThat(matches("SUBJECT \"lunch on friday\"", "simple")).isTrue();
    }

    @Test
    void bodyAndTextSearchDecodedContent() throws Exception {
        assertThat(matches("CHARSET UTF-8 BODY \"会議は十時\"", "iso2022jp")).isTrue();
        assertThat(matches("CHARSET UTF-8 BODY \"münchen\"", "utf8")).isTrue();
        assertThat(matches("CHARSET UTF-8 BODY \"café\"", "alternative-nested")).isTrue();
        assertThat(matches("BODY Newsletter", "alternative-nested")).isFalse();
        assertThat(matches("TEXT Newsletter", "alternative-nested")).isTrue();
        assertThat(matches("BODY \"Please find\"", "mixed-attachment")).isTrue();
        assertThat(matches("BODY PDF", "mixed-attachment")).isFalse();
        assertThat(matches("BODY \"<p>Lunch?</p>\"", "rfc822-attached")).isTrue();
    }

    @Test
    void contentIsReadOnceAndOnlyWhenNeeded() throws Exception {
        SearchContext ctx = context("simple", MessageFlags.NONE, false);
        assertThat(matches("DELETED BODY lunch", ctx)).isFalse();
        assertThat(reads).hasValue(0);
        assertThat(matches("BODY lunch SUBJECT Friday TEXT Alice", ctx)).isTrue();
        assertThat(reads).hasValue(1);
    }
}
