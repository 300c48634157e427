package org.yubin.filter.dkim;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

class ParsedMessageTest {

    private static ParsedMessage parse(String message) {
        return ParsedMessage.parse(message.getBytes(StandardCharsets.ISO_8859_1));
    }

    private static String body(ParsedMessage message) {
        byte[] bytes = message.bytes();
        return new String(bytes, message.bodyStart(), bytes.length - message.bodyStart(), StandardCharsets.ISO_8859_1);
    }

    @Test
    void crlfLinesGiveFieldsAndBodyAsTheyAre() {
        ParsedMessage message = parse("From: a@example.com\r\nSubject: one\r\n two\r\n\r\nbody\r\n");
        assertThat(message.fields()).containsExactly("From: a@example.com", "Subject: one\r\n two");
        assertThat(body(message)).isEqualTo("body\r\n");
    }

    @Test
    void bareLfLinesAreReadAsCrlfInTheHeaderAndTheBody() {
        ParsedMessage message = parse("From: a@example.com\nSubject: one\n two\n\nbody\nmore\r\n");
        assertThat(message.fields()).containsExactly("From: a@example.com", "Subject: one\r\n two");
        assertThat(new String(message.bytes(), StandardCharsets.ISO_8859_1))
                .isEqualTo("From: a@example.com\r\nSubject: one\r\n two\r\n\r\nbody\r\nmore\r\n");
        assertThat(body(message)).isEqualTo("body\r\nmore\r\n");
    }

    @Test
    void aBareLfBlankLineAfterCrlfFieldsStartsTheBody() {
        ParsedMessage message = parse("From: a@example.com\r\n\nbody\n");
        assertThat(message.fields()).containsExactly("From: a@example.com");
        assertThat(body(message)).isEqualTo("body\r\n");
    }

    @Test
    void aMessageWithoutBodyHasAnEmptyOne() {
        assertThat(body(parse("From: a@example.com\r\n"))).isEmpty();
        assertThat(body(parse("From: a@example.com"))).isEmpty();
        assertThat(body(parse("From: a@example.com\n\n"))).isEmpty();
    }

    @Test
    void aBareCrStaysInsideItsLine() {
        ParsedMessage message = parse("Subject: a\rb\r\n\r\nx");
        assertThat(message.fields()).containsExactly("Subject: a\rb");
        assertThat(body(message)).isEqualTo("x");
    }
}
