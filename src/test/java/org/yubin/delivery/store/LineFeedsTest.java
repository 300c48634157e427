package org.yubin.delivery.store;

import static org.assertj.core.api.Assertions.assertThat;

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
}
