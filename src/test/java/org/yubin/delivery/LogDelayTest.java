package org.yubin.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;

import org.junit.jupiter.api.Test;

class LogDelayTest {

    @Test
    void secondsWithTwoDecimalsAsPostfixWritesThem() {
        assertThat(LogDelay.seconds(0)).isEqualTo("0.00");
        assertThat(LogDelay.seconds(4)).isEqualTo("0.00");
        assertThat(LogDelay.seconds(5)).isEqualTo("0.01");
        assertThat(LogDelay.seconds(125)).isEqualTo("0.13");
        assertThat(LogDelay.seconds(1999)).isEqualTo("2.00");
        assertThat(LogDelay.seconds(86_400_000L)).isEqualTo("86400.00");
    }

    @Test
    void sameAsFormattingTheSeconds() {
        for (long millis = 0; millis < 3000; millis += 7) {
            assertThat(LogDelay.seconds(millis)).isEqualTo(String.format(Locale.ROOT, "%.2f", millis / 1000.0));
        }
    }

    @Test
    void anArrivalInTheFutureIsNoDelay() {
        assertThat(LogDelay.since(System.currentTimeMillis() + 60_000)).isEqualTo("0.00");
    }
}
