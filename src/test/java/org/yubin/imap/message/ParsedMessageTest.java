package org.yubin.imap.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.yubin.imap.codec.ImapResponseWriter;
import org.yubin.imap.codec.ImapSyntaxException;

/** ParsedMessage on the sample messages; the expected structures are what Dovecot 2.3 answers for the same bytes. */
class ParsedMessageTest {

    private static String bodyStructure(String sample, boolean extensible) {
        ImapResponseWriter w = new ImapResponseWriter();
        SampleMessages.parsed(sample).writeBodyStructure(w, extensible);
        return new String(w.toByteArray(), StandardCharsets.UTF_8);
    }

    private static String envelope(String sample) {
        ImapResponseWriter w = new ImapResponseWriter();
        SampleMessages.parsed(sample).writeEnvelope(w);
        return new String(w.toByteArray(), StandardCharsets.UTF_8);
    }

    private static String section(String sample, String spec) throws ImapSyntaxException {
        return new String(SampleMessages.parsed(sample).section(SectionSpec.parse(spec)), StandardCharsets.UTF_8);
    }

    @Test
    void multipartMixedWithAnAttachmentHasDovecotsBodyStructure() {
        assertThat(bodyStructure("mixed-attachment", true)).isEqualTo(
                "((\"text\" \"plain\" (\"charset\" \"utf-8\") NIL NIL \"7bit\" 34 1 NIL NIL NIL NIL)"
                + "(\"application\" \"pdf\" (\"name\" \"report.pdf\") NIL \"The monthly report\" \"base64\" 1062 NIL"
                + " (\"attachment\" (\"filename\" \"report.pdf\")) NIL NIL) \"mixed\" (\"boundary\" \"==outer==\") NIL NIL NIL)");
        assertThat(bodyStructure("mixed-attachment", false)).isEqualTo(
                "((\"text\" \"plain\" (\"charset\" \"utf-8\") NIL NIL \"7bit\" 34 1)"
                + "(\"application\" \"pdf\" (\"name\" \"report.pdf\") NIL \"The monthly report\" \"base64\" 1062) \"mixed\")");
    }

    @Test
    void nestedAlternativeCarriesLanguageLocationMd5AndContentId() {
        assertThat(bodyStructure("alternative-nested", true)).isEqualTo(
                "(((\"text\" \"plain\" (\"charset\" \"utf-8\") NIL NIL \"quoted-printable\" 31 0 NIL NIL NIL NIL)"
                + "(\"text\" \"html\" (\"charset\" \"utf-8\") NIL NIL \"quoted-printable\" 71 0 NIL NIL (\"en\" \"fr\")"
                + " \"http://example.com/news.html\") \"alternative\" (\"boundary\" \"alt\") NIL NIL NIL)"
                + "(\"image\" \"png\" NIL \"<logo@example.com>\" NIL \"base64\" 64 \"Q2hlY2sgSW50ZWdyaXR5IQ==\""
                + " (\"inline\" (\"filename\" \"logo.png\")) NIL NIL) \"related\""
                + " (\"boundary\" \"rel\" \"type\" \"multipart/alternative\") NIL NIL NIL)");
    }

    @Test
    void attachedMessageHasItsEnvelopeBodyAndLines() {
        assertThat(bodyStructure("rfc822-attached", false)).isEqualTo(
                "((\"text\" \"plain\" (\"charset\" \"us-ascii\") NIL NIL \"7bit\" 10 0)"
                + "(\"message\" \"rfc822\" NIL NIL NIL \"7bit\" 379 (\"Mon, 3 Feb 2025 10:14:59 +0100\" \"Lunch on Friday?\""
                + " ((\"Alice Example\" NIL \"alice\" \"example.org\")) ((\"Alice Example\" NIL \"alice\" \"example.org\"))"
                + " ((\"Alice Example\" NIL \"alice\" \"example.org\")) ((NIL NIL \"bob\" \"example.net\")) NIL NIL NIL"
                + " \"<inner@example.org>\") ((\"text\" \"plain\" (\"charset\" \"us-ascii\") NIL NIL \"7bit\" 6 0)"
                + "(\"text\" \"html\" (\"charset\" \"us-ascii\") NIL NIL \"7bit\" 13 0) \"alternative\") 17) \"mixed\")");
    }

    @Test
    void envelopeKeepsEncodedWordsAndFramesGroups() {
        assertThat(envelope("iso2022jp")).isEqualTo("(\"Thu, 6 Feb 2025 09:30:00 +0900\" \"=?ISO-2022-JP?B?GyRCMnE1RCRON28bKEI=?=\""
                + " ((\"=?ISO-2022-JP?B?GyRCOzNFREJATzobKEI=?=\" NIL \"taro\" \"example.jp\"))"
                + " ((\"=?ISO-2022-JP?B?GyRCOzNFREJATzobKEI=?=\" NIL \"taro\" \"example.jp\"))"
                + " ((\"=?ISO-2022-JP?B?GyRCOzNFREJATzobKEI=?=\" NIL \"taro\" \"example.jp\"))"
                + " ((NIL NIL \"hanako\" \"example.jp\")) NIL NIL NIL NIL)");
        assertThat(envelope("group")).isEqualTo("(\"Sun, 9 Feb 2025 07:00:00 +0000\" \"=?utf-8?q?Gruppe?= and plain\""
                + " ((\"Team Lead\" NIL \"lead\" \"example.com\")) ((NIL NIL \"secretary\" \"example.com\"))"
                + " ((NIL NIL \"list\" \"example.com\")) ((NIL NIL \"Friends\" NIL)(NIL NIL \"anna\" \"example.com\")"
                + "(\"Ben B\" NIL \"ben\" \"example.com\")(NIL NIL NIL NIL)(NIL NIL \"carl\" \"example.com\"))"
                + " ((NIL NIL \"user\" \"[192.0.2.1]\")(NIL NIL \"x\" \"example.com\")) ((NIL NIL \"hidden\" \"example.com\")) NIL NIL)");
    }

    @Test
    void addressesWithoutDomainRouteOrNameReadAsDovecotReadsThem() {
        assertThat(envelope("case")).isEqualTo("(NIL \"\" ((NIL NIL \"foo\" \"MISSING_DOMAIN\")) ((NIL NIL \"foo\" \"MISSING_DOMAIN\"))"
                + " ((NIL NIL \"foo\" \"MISSING_DOMAIN\")) ((NIL NIL \"quoted local\" \"example.com\")"
                + "(NIL \"@route1,@route2\" \"user\" \"example.com\")(\"Comment\" NIL \"x\" \"example.com\")) NIL NIL NIL NIL)");
    }

    @Test
    void sectionsAreExactSlicesOfTheMessage() throws Exception {
        assertThat(section("rfc822-attached", "1")).isEqualTo("See below.");
        assertThat(section("rfc822-attached", "2.HEADER")).startsWith("Date: Mon, 3 Feb 2025 10:14:59 +0100\r\n").endsWith("\r\n\r\n");
        assertThat(section("rfc822-attached", "2.1")).isEqualTo("Lunch?");
        assertThat(section("rfc822-attached", "2.2.MIME")).isEqualTo("Content-Type: text/html; charset=us-ascii\r\n\r\n");
        assertThat(section("rfc822-attached", "2.TEXT")).startsWith("--inner\r\n").endsWith("--inner--\r\n");
        assertThat(section("mixed-attachment", "2.MIME")).startsWith("Content-Type: application/pdf").endsWith("report\r\n\r\n");
        assertThat(section("simple", "HEADER.FIELDS (subject TO)"))
                .isEqualTo("To: bob@example.net, \"Carol, C.\" <carol@example.net>\r\nSubject: Lunch on\r\n Friday?\r\n\r\n");
        assertThat(section("simple", "1")).isEqualTo(section("simple", "TEXT"));
        assertThat(section("simple", "3")).isEmpty();
        byte[] whole = SampleMessages.crlf("simple");
        assertThat(SampleMessages.parsed("simple").section(SectionSpec.WHOLE)).isEqualTo(whole);
    }

    @Test
    void malformedMimeIsReadWithoutFailing() throws Exception {
        ParsedMessage malformed = SampleMessages.parsed("malformed");
        assertThat(malformed.root().children()).hasSize(2);
        assertThat(section("malformed", "2")).isEqualTo("second part, never closed\r\n");
        assertThat(malformed.bodyText()).contains("second part, never closed");
        ParsedMessage noBlankLine = SampleMessages.parsed("noblank");
        assertThat(noBlankLine.root().bodySize()).isZero();
        assertThat(noBlankLine.headerValues("Subject")).containsExactly("headers only");
    }

    @Test
    void randomBytesNeverMakeTheParserFail() {
        Random random = new Random(42);
        byte[] alphabet = "\r\n-:;= \"abcboundary/multipart".getBytes(StandardCharsets.US_ASCII);
        for (int round = 0; round < 500; round++) {
            byte[] message = new byte[random.nextInt(400)];
            for (int i = 0; i < message.length; i++) {
                message[i] = random.nextInt(4) == 0 ? (byte) random.nextInt(256) : alphabet[random.nextInt(alphabet.length)];
            }
            String prefix = "Content-Type: multipart/mixed; boundary=b\r\n\r\n--b\r\n";
            ParsedMessage parsed = ParsedMessage.parse((prefix + new String(message, StandardCharsets.ISO_8859_1))
                    .getBytes(StandardCharsets.ISO_8859_1));
            ImapResponseWriter w = new ImapResponseWriter();
            parsed.writeBodyStructure(w, true);
            parsed.writeEnvelope(w);
            assertThat(parsed.bodyText()).isNotNull();
            assertThat(parsed.section(new SectionSpec(List.of(1, 1), SectionSpec.Kind.MIME, List.of()))).isNotNull();
        }
    }

    @Test
    void nestingBeyondTheLimitIsReadAsText() {
        StringBuilder message = new StringBuilder();
        for (int depth = 0; depth < 200; depth++) {
            message.append("Content-Type: multipart/mixed; boundary=b").append(depth).append("\r\n\r\n--b").append(depth).append("\r\n");
        }
        message.append("\r\ninnermost\r\n");
        ParsedMessage parsed = ParsedMessage.parse(message.toString().getBytes(StandardCharsets.US_ASCII));
        int depth = 0;
        MimePart part = parsed.root();
        while (part.isMultipart()) {
            part = part.children().get(0);
            depth++;
        }
        assertThat(depth).isEqualTo(MimeStructureParser.MAX_DEPTH);
        assertThat(parsed.bodyText()).contains("innermost");
    }

    @Test
    void aMessageOfCountlessPartsIsCutAtTheLimit() {
        String message = "Content-Type: multipart/mixed; boundary=b\r\n\r\n" + "--b\r\n\r\nx\r\n".repeat(50_000) + "--b--\r\n";
        MimePart root = ParsedMessage.parse(message.getBytes(StandardCharsets.US_ASCII)).root();
        assertThat(root.children()).hasSizeLessThan(MimeStructureParser.MAX_PARTS);
        assertThat(root.children().get(0).bodySize()).isEqualTo(1);
    }

    @Test
    void headersAreDecodedFromIso2022JpAndUtf8() {
        assertThat(SampleMessages.parsed("iso2022jp").headerValues("subject")).containsExactly("会議の件");
        assertThat(SampleMessages.parsed("iso2022jp").headerValues("From")).containsExactly("山田太郎 <taro@example.jp>");
        assertThat(SampleMessages.parsed("utf8").headerValues("Subject")).containsExactly("Grüße aus München");
        assertThat(SampleMessages.parsed("utf8").headerText()).contains("From: Jürgen Müller <juergen@example.de>");
    }

    @Test
    void bodiesAreDecodedByTransferEncodingAndCharset() {
        assertThat(SampleMessages.parsed("iso2022jp").bodyText()).contains("明日の会議は十時からです。");
        assertThat(SampleMessages.parsed("utf8").bodyText()).contains("Schöne Grüße aus München!", "Zoë 😀");
        assertThat(SampleMessages.parsed("alternative-nested").bodyText()).contains("Hello world — café", "<b>world</b>")
                .doesNotContain("iVBORw0K");
        assertThat(SampleMessages.parsed("group").bodyText()).contains("8-bit body: Grüße");
        assertThat(SampleMessages.parsed("rfc822-attached").bodyText()).contains("Subject: Lunch on Friday?", "<p>Lunch?</p>");
    }

    @Test
    void sentDateIsTheDateHeadersOwnCalendarDay() {
        assertThat(SampleMessages.parsed("utf8").sentDate()).contains(LocalDate.of(2025, 2, 7));
        assertThat(SampleMessages.parsed("malformed").sentDate()).contains(LocalDate.of(2025, 2, 8));
        assertThat(SampleMessages.parsed("case").sentDate()).isEmpty();
        assertThat(SentDate.parse("Wed, 5 Feb 25 12:00 GMT")).contains(LocalDate.of(2025, 2, 5));
        assertThat(SentDate.parse("31 Feb 2025 10:00:00 +0000")).isEmpty();
        assertThat(SentDate.parse("5 February 2025 10:00:00 +0000")).contains(LocalDate.of(2025, 2, 5));
    }

    @Test
    void sectionSpecsParseAndEchoAsWritten() throws Exception {
        SectionSpec spec = SectionSpec.parse("1.2.HEADER.FIELDS (Date \"From\")");
        assertThat(spec.part()).containsExactly(1, 2);
        assertThat(spec.kind()).isEqualTo(SectionSpec.Kind.HEADER_FIELDS);
        assertThat(spec.toImap()).isEqualTo("1.2.HEADER.FIELDS (Date From)");
        assertThat(SectionSpec.parse("3.mime").toImap()).isEqualTo("3.MIME");
        assertThat(SectionSpec.parse("").toImap()).isEmpty();
        for (String bad : List.of("MIME", "0", "1.", "1..2", "HEADER.FIELDS", "HEADER.FIELDS ()", "TEXT (A)", "BOGUS", "1.2x")) {
            assertThatThrownBy(() -> SectionSpec.parse(bad)).as(bad)
                    .isInstanceOf(ImapSyntaxException.class);
        }
    }
}
