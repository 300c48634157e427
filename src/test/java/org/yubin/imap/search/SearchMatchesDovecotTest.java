package org.yubin.imap.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yubin.delivery.store.MailboxMessage;
import org.yubin.delivery.store.MessageFlags;
import org.yubin.imap.message.DovecotImapAccess;
import org.yubin.imap.message.ParsedMessage;
import org.yubin.imap.message.SampleMessages;

/** SEARCH over the sample messages finds the same messages as Dovecot's imap does for the same Maildir. */
class SearchMatchesDovecotTest {

    private static final Instant INTERNAL_DATE = Instant.parse("2025-02-06T12:00:00Z");
    private static final List<String> SEARCHES = List.of("SUBJECT lunch", "SUBJECT \"Fwd:\"", "FROM alice", "FROM example.com",
            "TO example.net", "CC dave", "BCC hidden", "FROM \"Report Bot\"", "HEADER Content-Type multipart",
            "HEADER In-Reply-To \"\"", "HEADER Content-Transfer-Encoding base64", "BODY lunch", "TEXT lunch",
            "BODY \"please find\"", "TEXT newsletter", "BODY newsletter", "BODY hello", "TEXT \"inner\"",
            "CHARSET UTF-8 SUBJECT \"会議\"", "CHARSET UTF-8 BODY \"会議は十時\"", "CHARSET UTF-8 FROM \"山田\"",
            "CHARSET UTF-8 SUBJECT \"grüße\"", "CHARSET UTF-8 BODY \"münchen\"", "CHARSET UTF-8 BODY \"café\"",
            "CHARSET UTF-8 FROM \"jürgen\"", "CHARSET UTF-8 BODY \"käse\"", "CHARSET UTF-8 TO \"jörg\"",
            "CHARSET UTF-8 SUBJECT \"— raw\"", "SENTON 3-Feb-2025", "SENTSINCE 6-Feb-2025", "SENTBEFORE 5-Feb-2025",
            "SENTON 7-Feb-2025", "SENTON 8-Feb-2025", "ON 6-Feb-2025", "BEFORE 6-Feb-2025", "LARGER 600", "SMALLER 300",
            "OR SUBJECT lunch FROM news", "NOT BODY the", "2:4,10:*", "UID 3:5", "SEEN", "UNSEEN", "ALL");

    @TempDir
    Path dir;

    @Test
    void everySearchFindsWhatDovecotFinds() throws Exception {
        assumeTrue(DovecotImapAccess.installed(), "dovecot imap not installed");
        List<byte[]> files = new ArrayList<>();
        for (String name : SampleMessages.ALL) {
            files.add(SampleMessages.lf(name));
        }
        List<String> commands = SEARCHES.stream().map(s -> "SEARCH " + s).toList();
        List<byte[]> dovecot = DovecotImapAccess.run(dir, files, INTERNAL_DATE, commands);

        int count = SampleMessages.ALL.size();
        SoftAssertions softly = new SoftAssertions();
        for (int i = 0; i < SEARCHES.size(); i++) {
            SearchRequest request = SearchRequest.parse(ArgumentTokens.of(SEARCHES.get(i)));
            StringBuilder found = new StringBuilder("* SEARCH");
            for (int seq = 1; seq <= count; seq++) {
                ParsedMessage parsed = SampleMessages.parsed(SampleMessages.ALL.get(seq - 1));
                MailboxMessage message = new MailboxMessage(seq, "m", parsed.size(), parsed.size(),
                        new MessageFlags(EnumSet.of(MessageFlags.SystemFlag.SEEN), Set.of()),
                        INTERNAL_DATE, 1);
                if (SearchMatcher.matches(request, new SearchContext(seq, message, false, count, count, () -> parsed))) {
                    found.append(' ').append(seq);
                }
            }
            String expected = new String(dovecot.get(i), StandardCharsets.UTF_8).strip();
            softly.assertThat(found.toString()).as(SEARCHES.get(i)).isEqualTo(expected);
        }
        softly.assertAll();
    }
}
