package org.yubin.delivery.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import org.junit.jupiter.api.Test;

class LineFeedsTest {

    @Test
    void theLfScanFindsEveryLfWhereverItSitsInAWord() {
        for (int at = 0; at < 20; at++) {
            byte[] bytes = new byte[20];
            Arrays.fill(bytes, (byte) 0x0b);
            bytes[at] = '\n';
            assertThat(LineFeeds.indexOf(bytes, 0)).isEqualTo(at);
            assertThat(LineFeeds.indexOf(bytes, at + 1)).isEqualTo(-1);
        }
    }

    @Test
    void bytesThatDifferFromLfByOneBitAreNotTakenForIt() {
        byte[] bytes = {0x0b, 0x08, 0x0e, 0x02, 0x1a, 0x4a, (byte) 0x8a, 0x0b, 0x0b, '\n'};
        assertThat(LineFeeds.indexOf(bytes, 0)).isEqualTo(9);
    }

    @Test
    void lfLineEndsAreWidenedToCrlfAndCrlfIsLeftAlone() {
        assertThat(LineFeeds.toCrlf("a\nb\r\nc\n".getBytes(StandardCharsets.US_ASCII)))
                .isEqualTo("a\r\nb\r\nc\r\n".getBytes(StandardCharsets.US_ASCII));
        byte[] crlf = "a\r\n\r\nb".getBytes(StandardCharsets.US_ASCII);
        assertThat(LineFeeds.toCrlf(crlf)).isSameAs(crlf);
        assertThat(LineFeeds.toCrlf("\n".getBytes(StandardCharsets.US_ASCII))).containsExactly('\r', '\n');
        String lines = "0123456789abcdef\n".repeat(7) + "x\r\ny\n\n" + "z".repeat(13) + "\n";
        assertThat(new String(LineFeeds.toCrlf(lines.getBytes(StandardCharsets.US_ASCII)), StandardCharsets.US_ASCII))
                .isEqualTo(lines.replace("\r\n", "\n").replace("\n", "\r\n"));
    }

    @Test
    void aKnownCrlfLengthWidensInOnePassAndAWrongOneFallsBackToCounting() {
        String lines = "0123456789abcdef\n".repeat(7) + "x\r\ny\n\n" + "z".repeat(13);
        byte[] lf = lines.getBytes(StandardCharsets.US_ASCII);
        byte[] crlf = lines.replace("\r\n", "\n").replace("\n", "\r\n").getBytes(StandardCharsets.US_ASCII);
        assertThat(LineFeeds.toCrlf(lf, crlf.length)).isEqualTo(crlf);
        for (long wrong : new long[] {crlf.length - 1, crlf.length + 1, lf.length, 0, -1, crlf.length * 3L}) {
            assertThat(LineFeeds.toCrlf(lf, wrong)).as("W=%d", wrong).isEqualTo(crlf);
        }
        byte[] already = "a\r\nb".getBytes(StandardCharsets.US_ASCII);
        assertThat(LineFeeds.toCrlf(already, already.length)).isSameAs(already);
        assertThat(LineFeeds.toCrlf(already, already.length + 2)).isEqualTo(already);
    }
}
