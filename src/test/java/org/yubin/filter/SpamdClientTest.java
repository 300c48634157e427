package org.yubin.filter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The SPAMC/1.5 protocol against {@link FakeSpamd}; the real spamd is in {@link ContentFilterFlowTest}. */
class SpamdClientTest {

    private final FakeSpamd spamd = new FakeSpamd();
    private final SpamdClient client = new SpamdClient(spamd.address(), Duration.ofSeconds(5));
    private final byte[] message = "Subject: test\r\n\r\nhello\r\n".getBytes(StandardCharsets.US_ASCII);

    @AfterEach
    void stop() throws IOException {
        spamd.close();
    }

    @Test
    void theRequestIsHeadersWithContentLengthUserAndTheMessage() throws IOException {
        client.check(message, "alice@example.com");

        assertThat(spamd.heads.get(0)).isEqualTo("HEADERS SPAMC/1.5\r\nContent-length: " + message.length
                + "\r\nUser: alice@example.com\r\n\r\n");
        assertThat(spamd.bodies.get(0)).isEqualTo(message);
    }

    @Test
    void withoutAUserOrWithAnUnsafeOneNoUserLineIsSent() throws IOException {
        client.check(message, null);
        client.check(message, "alice\r\nSpam: True");
        assertThat(spamd.heads).allSatisfy(head -> assertThat(head).doesNotContain("User:"));
    }

    @Test
    void theVerdictCarriesScoreThresholdAndSpamAssassinsOwnFieldsWithTheirFolding() throws IOException {
        spamd.answer = FakeSpamd.answerFor(true, 1005.2);

        SpamdVerdict verdict = client.check(message, null);

        assertThat(verdict.spam()).isTrue();
        assertThat(verdict.score()).isEqualTo(1005.2);
        assertThat(verdict.threshold()).isEqualTo(5.0);
        assertThat(verdict.headerFields()).containsExactly(
                "X-Spam-Checker-Version: SpamAssassin 4.0.1 (2024-03-25) on fake",
                "X-Spam-Flag: YES",
                "X-Spam-Level: " + "*".repeat(50),
                "X-Spam-Status: Yes, score=1005.2 required=5.0 tests=GTUBE,\n\tMISSING_DATE autolearn=disabled version=4.0.1");
    }

    @Test
    void aNonZeroStatusIsAFailureWithSpamdsStatusLine() {
        spamd.answer = "SPAMD/1.0 76 Bad header line: (EOF)\r\n\r\n";
        assertThatThrownBy(() -> client.check(message, null)).isInstanceOf(DaemonException.class)
                .hasMessageContaining("76 Bad header line");
    }

    @Test
    void anAnswerWithoutASpamLineIsAFailure() {
        spamd.answer = "SPAMD/1.1 0 EX_OK\r\nContent-length: 0\r\n\r\n";
        assertThatThrownBy(() -> client.check(message, null)).isInstanceOf(DaemonException.class)
                .hasMessageContaining("without a Spam line");
    }

    @Test
    void somethingThatIsNotSpamdIsAFailure() {
        spamd.answer = "HTTP/1.1 400 Bad Request\r\n\r\n";
        assertThatThrownBy(() -> client.check(message, null)).isInstanceOf(DaemonException.class)
                .hasMessageContaining("not a spamd answer");
    }

    @Test
    void aRefusedConnectionIsAFailure() throws IOException {
        SpamdClient nowhere = new SpamdClient(spamd.address(), Duration.ofSeconds(1));
        spamd.close();
        assertThatThrownBy(() -> nowhere.check(message, null)).isInstanceOf(IOException.class);
    }
}
