package org.yubin.filter.dkim;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

/** The examples of RFC 6376 section 3.4.5, and the empty-body rules of 3.4.3 and 3.4.4. */
class CanonicalizationTest {

    private static final String EXAMPLE = "A: X\r\nB : Y\t\r\n\tZ  \r\n\r\n C \r\nD \t E\r\n\r\n\r\n";

    @Test
    void relaxedHeadersAreLowerCasedUnfoldedAndTheirWhitespaceCompressed() {
        ParsedMessage message = ParsedMessage.parse(bytes(EXAMPLE));
        assertThat(message.fields()).hasSize(2);
        assertThat(Canonicalization.RELAXED.header(message.fields().get(0))).isEqualTo("a:X\r\n");
        assertThat(Canonicalization.RELAXED.header(message.fields().get(1))).isEqualTo("b:Y Z\r\n");
    }

    @Test
    void relaxedBodyCompressesWhitespaceAndDropsTrailingEmptyLines() {
        ParsedMessage message = ParsedMessage.parse(bytes(EXAMPLE));
        assertThat(text(Canonicalization.RELAXED.body(message.bytes(), message.bodyStart()))).isEqualTo(" C\r\nD E\r\n");
    }

    @Test
    void simpleHeadersAndBodyStayAsTheyAreButForTrailingEmptyLines() {
        ParsedMessage message = ParsedMessage.parse(bytes(EXAMPLE));
        assertThat(Canonicalization.SIMPLE.header(message.fields().get(0))).isEqualTo("A: X\r\n");
        assertThat(Canonicalization.SIMPLE.header(message.fields().get(1))).isEqualTo("B : Y\t\r\n\tZ  \r\n");
        assertThat(text(Canonicalization.SIMPLE.body(message.bytes(), message.bodyStart()))).isEqualTo(" C \r\nD \t E\r\n");
    }

    @Test
    void anEmptyBodyIsOneCrlfInSimpleAndNothingInRelaxed() {
        ParsedMessage message = ParsedMessage.parse(bytes("A: X\r\n\r\n\r\n\r\n"));
        assertThat(text(Canonicalization.SIMPLE.body(message.bytes(), message.bodyStart()))).isEqualTo("\r\n");
        assertThat(text(Canonicalization.RELAXED.body(message.bytes(), message.bodyStart()))).isEmpty();
    }

    @Test
    void aBodyWithoutFinalLineBreakGetsOne() {
        ParsedMessage message = ParsedMessage.parse(bytes("A: X\r\n\r\nlast line"));
        assertThat(text(Canonicalization.SIMPLE.body(message.bytes(), message.bodyStart()))).isEqualTo("last line\r\n");
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.ISO_8859_1);
    }
}
