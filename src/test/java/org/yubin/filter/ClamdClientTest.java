package org.yubin.filter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Random;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The clamd protocol against {@link FakeClamd}; the real clamd is in {@link ContentFilterFlowTest}. */
class ClamdClientTest {

    private final FakeClamd clamd = new FakeClamd();
    private final ClamdClient client = new ClamdClient(clamd.address(), Duration.ofSeconds(5));

    @AfterEach
    void stop() throws IOException {
        clamd.close();
    }

    @Test
    void theMessageGoesAsLengthPrefixedChunksEndedByAZeroLengthChunk() throws IOException {
        byte[] message = new byte[2 * ClamdClient.CHUNK_SIZE + 1000];
        new Random(7).nextBytes(message);

        assertThat(client.scan(message).infected()).isFalse();

        assertThat(clamd.chunkSizes).containsExactly(ClamdClient.CHUNK_SIZE, ClamdClient.CHUNK_SIZE, 1000, 0);
        assertThat(clamd.streams.get(0)).isEqualTo(message);
    }

    @Test
    void anEmptyMessageIsOnlyTheEndChunk() throws IOException {
        assertThat(client.scan(new byte[0])).isEqualTo(ClamdVerdict.CLEAN);
        assertThat(clamd.chunkSizes).containsExactly(0);
    }

    @Test
    void aFoundAnswerGivesTheSignatureName() throws IOException {
        clamd.answer = "stream: Win.Test.EICAR_HDB-1 FOUND";
        ClamdVerdict verdict = client.scan("X5O!P%@AP".getBytes());
        assertThat(verdict.infected()).isTrue();
        assertThat(verdict.signature()).isEqualTo("Win.Test.EICAR_HDB-1");
    }

    @Test
    void controlCharactersInASignatureNameDoNotReachTheReply() throws IOException {
        clamd.answer = "stream: Bad\r\n250 Ok FOUND";
        assertThat(client.scan(new byte[1]).signature()).isEqualTo("Bad??250 Ok");
    }

    @Test
    void anErrorAnswerIsAFailureWithClamdsText() {
        clamd.answer = "INSTREAM size limit exceeded. ERROR";
        assertThatThrownBy(() -> client.scan(new byte[10])).isInstanceOf(DaemonException.class)
                .hasMessageContaining("INSTREAM size limit exceeded. ERROR");
    }

    @Test
    void aSilentClamdTimesOutWithinTheTimeout() {
        clamd.answer = null;
        ClamdClient impatient = new ClamdClient(clamd.address(), Duration.ofMillis(300));
        long start = System.nanoTime();
        assertThatThrownBy(() -> impatient.scan(new byte[10])).isInstanceOf(SocketTimeoutException.class)
                .hasMessageContaining("no answer within 300 ms");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
    }

    @Test
    void noClamdListeningIsAFailureAndPingSaysSo() {
        ClamdClient nowhere = new ClamdClient(DaemonAddress.parse("k", "unix:/nonexistent/clamd.sock"), Duration.ofSeconds(1));
        assertThatThrownBy(() -> nowhere.scan(new byte[1])).isInstanceOf(IOException.class);
        assertThat(nowhere.ping()).isFalse();
    }
}
