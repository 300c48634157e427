package org.yubin.imap.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.yubin.delivery.store.MessageFlags.SystemFlag;
import org.yubin.imap.codec.ImapSyntaxException;
import org.yubin.imap.search.SearchKey.DateComparison;

class SearchRequestTest {

    static SearchRequest parse(String text) throws Exception {
        return SearchRequest.parse(ArgumentTokens.of(text));
    }

    @Test
    void everyRfc3501KeyIsAccepted() throws Exception {
        String all = "ALL ANSWERED BCC x BEFORE 1-Feb-1994 BODY y CC z DELETED DRAFT FLAGGED FROM a HEADER X-Foo b"
                + " KEYWORD $Label LARGER 10 NEW NOT SEEN OLD ON 2-Mar-2020 OR SEEN DRAFT RECENT SEEN SENTBEFORE 1-Jan-2000"
                + " SENTON 1-Jan-2000 SENTSINCE 1-Jan-2000 SINCE 1-Jan-2000 SMALLER 99 SUBJECT s TEXT t TO u UID 1:*"
                + " UNANSWERED UNDELETED UNDRAFT UNFLAGGED UNKEYWORD $Junk UNSEEN 1,3:5 (SEEN FLAGGED)";
        SearchRequest request = parse(all);
        assertThat(((SearchKey.And) request.key()).keys()).hasSize(37);
        assertThat(request.needsContent()).isTrue();
        assertThat(request.usesModSeq()).isFalse();
        assertThat(request.extended()).isFalse();
    }

    @Test
    void keysBecomeTheirRecords() throws Exception {
        assertThat(parse("UNSEEN").key()).isEqualTo(new SearchKey.Flag(SystemFlag.SEEN, false));
        assertThat(parse("since \"5-Feb-2025\"").key())
                .isEqualTo(new SearchKey.InternalDate(DateComparison.SINCE, LocalDate.of(2025, 2, 5)));
        assertThat(parse("OR FROM alice NOT TO bob").key()).isEqualTo(new SearchKey.Or(
                new SearchKey.Header("From", "alice"), new SearchKey.Not(new SearchKey.Header("To", "bob"))));
        assertThat(parse("HEADER List-Id \"\"").key()).isEqualTo(new SearchKey.Header("List-Id", ""));
        assertThat(parse("LARGER 4294967295").key()).isEqualTo(new SearchKey.Size(4294967295L, true));
        assertThat(parse("ALL").needsContent()).isFalse();
    }

    @Test
    void charsetUtf8StringsAreDecoded() throws Exception {
        SearchRequest request = parse("CHARSET UTF-8 SUBJECT \"会議\"");
        assertThat(request.key()).isEqualTo(new SearchKey.Header("Subject", "会議"));
        assertThat(parse("CHARSET us-ascii ALL").key()).isEqualTo(new SearchKey.All());
    }

    @Test
    void otherCharsetsAreRefusedWithBadCharset() {
        assertThatThrownBy(() -> parse("CHARSET ISO-2022-JP SUBJECT x"))
                .isInstanceOf(BadCharsetException.class).hasMessageContaining("ISO-2022-JP");
        assertThat(BadCharsetException.RESPONSE_CODE).isEqualTo("[BADCHARSET (UTF-8 US-ASCII)]");
    }

    @Test
    void modSeqWithAndWithoutEntry() throws Exception {
        SearchRequest plain = parse("MODSEQ 620162338");
        assertThat(plain.key()).isEqualTo(new SearchKey.ModSeq(620162338, null, null));
        assertThat(plain.usesModSeq()).isTrue();
        SearchRequest entry = parse("OR SEEN MODSEQ \"/flags/\\\\draft\" all 620162338");
        assertThat(entry.usesModSeq()).isTrue();
        assertThat(((SearchKey.Or) entry.key()).right()).isEqualTo(new SearchKey.ModSeq(620162338, "/flags/\\\\draft", "all"));
    }

    @Test
    void esearchReturnOptions() throws Exception {
        SearchRequest request = parse("RETURN (MIN COUNT) CHARSET UTF-8 UNSEEN");
        assertThat(request.extended()).isTrue();
        assertThat(request.returnOptions()).containsExactlyInAnyOrder(SearchRequest.ReturnOption.MIN,
                SearchRequest.ReturnOption.COUNT);
        assertThat(parse("RETURN () ALL").returnOptions()).containsExactly(SearchRequest.ReturnOption.ALL);
    }

    @Test
    void badSyntaxIsRefused() {
        List<String> bad = List.of("", "BOGUS", "FROM", "BEFORE 32-Jan-2020", "BEFORE 1-Foo-2020", "BEFORE 2020-01-01",
                "LARGER -1", "LARGER 4294967296", "OR SEEN", "NOT", "()", "UID", "UID abc", "HEADER \"\" x",
                "MODSEQ x", "MODSEQ \"/flags/\\\\seen\" bogus 5", "RETURN (FOO) ALL", "RETURN ALL", "1:0");
        for (String text : bad) {
            assertThatThrownBy(() -> parse(text)).as(text).isInstanceOf(ImapSyntaxException.class);
        }
    }

    @Test
    void deepNestingIsRefused() {
        String deep = "NOT ".repeat(SearchRequest.MAX_DEPTH + 5) + "ALL";
        assertThatThrownBy(() -> parse(deep)).isInstanceOf(ImapSyntaxException.class);
    }
}
