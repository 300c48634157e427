package org.yubin.log;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Untrusted text in a log line: no control character gets through, the rest stays as it came. */
class LogTextTest {

    @Test
    void controlCharactersBecomeQuestionMarksAndEverythingElseStays() {
        assertThat(LogText.printable("a\r\nb\u0000c\u001b[31md\u007fe\u0085f")).isEqualTo("a??b?c?[31md?e?f");
        assertThat(LogText.printable("山田@例え.jp ü")).isEqualTo("山田@例え.jp ü");
        assertThat(LogText.printable(null)).isEmpty();
    }

    @Test
    void textWithoutControlCharactersIsReturnedItself() {
        String clean = "alice@example.com";
        assertThat(LogText.printable(clean)).isSameAs(clean);
    }

    @Test
    void aLimitCutsTheText() {
        assertThat(LogText.printable("abcdef", 3)).isEqualTo("abc");
        assertThat(LogText.printable("a\nbcdef", 3)).isEqualTo("a?b");
        assertThat(LogText.printable("ab", 3)).isEqualTo("ab");
    }
}
