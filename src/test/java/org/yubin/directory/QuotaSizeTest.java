package org.yubin.directory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class QuotaSizeTest {

    @Test
    void plainNumbersAreBytesAndSuffixesAreBinaryMultiples() {
        assertThat(QuotaSize.parse("1000")).isEqualTo(1000);
        assertThat(QuotaSize.parse("0")).isZero();
        assertThat(QuotaSize.parse("1K")).isEqualTo(1024);
        assertThat(QuotaSize.parse("512m")).isEqualTo(512L << 20);
        assertThat(QuotaSize.parse(" 2GB ")).isEqualTo(2L << 30);
        assertThat(QuotaSize.parse("1T")).isEqualTo(1L << 40);
    }

    @Test
    void anythingElseIsRefused() {
        for (String bad : new String[] {"", "G", "-1", "1.5G", "10X", "12 34", "99999999999999999999", "9000000T"}) {
            assertThatThrownBy(() -> QuotaSize.parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
    }
}
