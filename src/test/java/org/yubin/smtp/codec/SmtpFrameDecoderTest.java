package org.yubin.smtp.codec;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The SMTP framer fed in every possible pair of chunks and byte by byte: each split
 * must give the same frames as the whole input. A stand-in for the session switches the
 * decoder to DATA/BDAT on the command lines, as the real session does.
 */
class SmtpFrameDecoderTest {

    private static final int MAX_LINE = 32;

    @Test
    void commandLinesEndAtCrlfAndABareLfIsMarked() {
        assertEverySplit("EHLO client.test\r\nNOOP\r\nRSET\n",
                "line[EHLO client.test]", "line[NOOP]", "bare-lf-line[RSET]");
    }

    @Test
    void aUtf8CommandLineIsDecodedAsUtf8() {
        assertEverySplit("RCPT TO:<用户@例子.测试>\r\n", "line[RCPT TO:<用户@例子.测试>]");
    }

    @Test
    void anOverLongLineIsReportedOnceAndDiscardedUpToItsEnd() {
        String tooLong = "MAIL FROM:<" + "x".repeat(60) + "@example.com>\r\n";
        assertEverySplit(tooLong + "NOOP\r\n", "too-long", "line[NOOP]");
    }

    @Test
    void aLineOfExactlyTheLimitCrlfIncludedIsAccepted() {
        String exact = "X".repeat(MAX_LINE - 2);
        assertEverySplit(exact + "\r\n" + exact + "Y\r\nQUIT\r\n", "line[" + exact + "]", "too-long", "line[QUIT]");
    }

    @Test
    void dataEndsAtCrlfDotCrlfWithDotStuffingUndone() {
        assertEverySplit("DATA\r\nSubject: dots\r\n\r\n..leading dot\r\n...\r\nlast. line.\r\n.\r\nNOOP\r\n",
                "line[DATA]",
                "data[Subject: dots\r\n\r\n.leading dot\r\n..\r\nlast. line.\r\n]",
                "line[NOOP]");
    }

    @Test
    void anEmptyMessageEndsAtTheFirstDotLine() {
        assertEverySplit("DATA\r\n.\r\nQUIT\r\n", "line[DATA]", "data[]", "line[QUIT]");
    }

    @ParameterizedTest(name = "smuggling payload {0} never ends DATA")
    @ValueSource(strings = {"\\n.\\n", "\\r.\\r", "\\n.\\r\\n", "\\r\\n.\\r"})
    void aBareNewlineNeverEndsDataAndIsRecorded(String escaped) {
        String payload = escaped.replace("\\r", "\r").replace("\\n", "\n");
        String input = "DATA\r\nSubject: one\r\n\r\nfirst" + payload
                + "MAIL FROM:<evil@example.net>\r\nRCPT TO:<victim@example.com>\r\nDATA\r\nsmuggled\r\n.\r\nQUIT\r\n";
        List<String> frames = decodeWhole(input, 1000);
        assertThat(frames).hasSize(3);
        assertThat(frames.get(0)).isEqualTo("line[DATA]");
        assertThat(frames.get(1)).startsWith("data-bare" + (payload.startsWith("\n") ? "<LF>" : "<CR>"))
                .contains("MAIL FROM:<evil@example.net>");
        assertThat(frames.get(2)).isEqualTo("line[QUIT]");
        assertEverySplit(input, frames.toArray(String[]::new));
    }

    @Test
    void bareNewlinesAndDotLinesAreFoundAtEveryPlaceInLongLines() {
        for (int before = 0; before < 20; before++) {
            String filler = "x".repeat(before);
            for (String payload : new String[] {"\n.\n", "\r.\r", "\n.\r\n", "\r\n.\r"}) {
                String input = "DATA\r\n" + "y".repeat(70) + "\r\n" + filler + payload
                        + "MAIL FROM:<evil@example.net>\r\n.\r\nQUIT\r\n";
                assertThat(decodeWhole(input, 1000)).as("%d bytes before %s", before, payload.replace("\r", "CR").replace("\n", "LF"))
                        .hasSize(3).element(1).asString().startsWith("data-bare");
            }
            assertThat(decodeWhole("DATA\r\n" + filler + "\r\n..dot\r\n" + filler + "\r\n.\r\nQUIT\r\n", 1000))
                    .containsExactly("line[DATA]", "data[" + filler + "\r\n.dot\r\n" + filler + "\r\n]", "line[QUIT]");
        }
    }

    @Test
    void lineEndsAroundTheSearchWindowsEdgeAreRead() {
        int window = SmtpFrameDecoder.SCAN_WINDOW_SIZE;
        for (int filler = window - 4; filler <= window + 2; filler++) {
            String line = "z".repeat(filler);
            for (String payload : new String[] {"\n.\n", "\r.\r", "\n.\r\n", "\r\n.\r"}) {
                String input = "DATA\r\n" + line + payload + "MAIL FROM:<evil@example.net>\r\n.\r\nQUIT\r\n";
                assertThat(decodeWhole(input, 2 * window)).as("%d bytes, then %s", filler, payload.replace("\r", "CR").replace("\n", "LF"))
                        .hasSize(3).element(1).asString().startsWith("data-bare");
            }
            String ordinary = line + "\r\n..dot\r\n" + line + "\r\nlast\r\n";
            assertThat(decodeWhole("DATA\r\n" + ordinary + ".\r\nQUIT\r\n", 3 * window))
                    .containsExactly("line[DATA]", "data[" + ordinary.replace("\n..dot", "\n.dot") + "]", "line[QUIT]");
        }
    }

    @Test
    void contentPastTheLimitIsReadToTheEndButNotKept() {
        String body = "0123456789".repeat(5) + "\r\n";
        assertEverySplit("DATA\r\n" + body + ".\r\nNOOP\r\n", 20, "line[DATA]", "oversize[52]", "line[NOOP]");
    }

    @Test
    void aBdatChunkIsTakenRawWithoutDotUnstuffingOrEndDetection() {
        assertEverySplit("BDAT 9\r\nab\r\n.\r\n\nx" + "BDAT 0 LAST\r\nNOOP\r\n",
                "line[BDAT 9]", "chunk[ab\r\n.\r\n\nx]", "line[BDAT 0 LAST]", "line[NOOP]");
    }

    @Test
    void aBdatChunkPastTheLimitIsDiscarded() {
        assertEverySplit("BDAT 30\r\n" + "z".repeat(30) + "NOOP\r\n", 20,
                "line[BDAT 30]", "dropped-chunk[30]", "line[NOOP]");
    }

    @Test
    void aPausedDecoderKeepsItsInputUntilResumed() {
        SmtpFrameDecoder decoder = new SmtpFrameDecoder(MAX_LINE);
        List<String> frames = new ArrayList<>();
        EmbeddedChannel channel = new EmbeddedChannel(decoder, new ChannelInboundHandlerAdapter() {
            @Override
            public void channelRead(ChannelHandlerContext ctx, Object msg) {
                frames.add(describe((SmtpFrame) msg));
                decoder.pause();
            }
        });
        channel.writeInbound(Unpooled.copiedBuffer("NOOP\r\nRSET\r\nQUIT\r\n", StandardCharsets.US_ASCII));
        assertThat(frames).containsExactly("line[NOOP]");
        decoder.resume();
        assertThat(frames).containsExactly("line[NOOP]", "line[RSET]");
        decoder.resume();
        decoder.resume();
        assertThat(frames).containsExactly("line[NOOP]", "line[RSET]", "line[QUIT]");
        assertThat(channel.finishAndReleaseAll()).isFalse();
    }

    @Test
    void aPausedDecoderStopsReadingOnceInputWaitsAndAsksForNoMoreUntilResumed() {
        SmtpFrameDecoder decoder = new SmtpFrameDecoder(MAX_LINE);
        List<String> frames = new ArrayList<>();
        AtomicInteger readsAsked = new AtomicInteger();
        EmbeddedChannel channel = new EmbeddedChannel(new ChannelOutboundHandlerAdapter() {
            @Override
            public void read(ChannelHandlerContext ctx) throws Exception {
                readsAsked.incrementAndGet();
                super.read(ctx);
            }
        }, decoder, new ChannelInboundHandlerAdapter() {
            @Override
            public void channelRead(ChannelHandlerContext ctx, Object msg) {
                frames.add(describe((SmtpFrame) msg));
                decoder.pause();
            }
        });
        channel.writeInbound(Unpooled.copiedBuffer("NOOP\r\n", StandardCharsets.US_ASCII));
        assertThat(channel.config().isAutoRead()).as("nothing waits").isTrue();

        readsAsked.set(0);
        for (int i = 0; i < 3; i++) {
            channel.writeInbound(Unpooled.copiedBuffer("RSET\r\n", StandardCharsets.US_ASCII));
            assertThat(channel.config().isAutoRead()).isFalse();
        }
        assertThat(readsAsked).as("no read asked for while paused").hasValue(0);
        assertThat(frames).containsExactly("line[NOOP]");

        decoder.resume();
        assertThat(frames).containsExactly("line[NOOP]", "line[RSET]");
        assertThat(channel.config().isAutoRead()).as("two more wait").isFalse();
        decoder.resume();
        decoder.resume();
        assertThat(frames).containsExactly("line[NOOP]", "line[RSET]", "line[RSET]", "line[RSET]");
        assertThat(channel.config().isAutoRead()).isTrue();
        assertThat(channel.finishAndReleaseAll()).isFalse();
    }

    @Test
    void aConnectionClosedInsideDataReleasesTheContentBuffer() {
        EmbeddedChannel channel = newChannel(1000, new ArrayList<>());
        channel.writeInbound(Unpooled.copiedBuffer("DATA\r\nunfinished", StandardCharsets.US_ASCII));
        channel.close();
        assertThat(channel.finishAndReleaseAll()).isFalse();
    }

    private static void assertEverySplit(String input, String... expected) {
        assertEverySplit(input, 1000, expected);
    }

    private static void assertEverySplit(String input, long sizeLimit, String... expected) {
        byte[] bytes = input.getBytes(StandardCharsets.UTF_8);
        for (int split = 0; split <= bytes.length; split++) {
            List<String> frames = decode(bytes, sizeLimit, List.of(split, bytes.length));
            assertThat(frames).as("split at %d", split).containsExactly(expected);
        }
        List<Integer> everyByte = new ArrayList<>();
        for (int i = 1; i <= bytes.length; i++) {
            everyByte.add(i);
        }
        assertThat(decode(bytes, sizeLimit, everyByte)).as("byte by byte").containsExactly(expected);
    }

    private static List<String> decodeWhole(String input, long sizeLimit) {
        byte[] bytes = input.getBytes(StandardCharsets.UTF_8);
        return decode(bytes, sizeLimit, List.of(bytes.length));
    }

    /** Feeds {@code bytes} cut at the given end offsets. */
    private static List<String> decode(byte[] bytes, long sizeLimit, List<Integer> ends) {
        List<String> frames = new ArrayList<>();
        EmbeddedChannel channel = newChannel(sizeLimit, frames);
        int start = 0;
        for (int end : ends) {
            if (end > start) {
                channel.writeInbound(Unpooled.copiedBuffer(bytes, start, end - start));
                start = end;
            }
        }
        assertThat(channel.finishAndReleaseAll()).isFalse();
        return frames;
    }

    private static EmbeddedChannel newChannel(long sizeLimit, List<String> frames) {
        SmtpFrameDecoder decoder = new SmtpFrameDecoder(MAX_LINE);
        return new EmbeddedChannel(decoder, new ChannelInboundHandlerAdapter() {
            @Override
            public void channelRead(ChannelHandlerContext ctx, Object msg) {
                SmtpFrame frame = (SmtpFrame) msg;
                frames.add(describe(frame));
                if (frame instanceof SmtpFrame.CommandLine line) {
                    String[] words = line.line().split(" ");
                    if (words[0].equals("DATA")) {
                        decoder.startData(sizeLimit, new byte[0]);
                    } else if (words[0].equals("BDAT") && Long.parseLong(words[1]) > 0) {
                        long size = Long.parseLong(words[1]);
                        decoder.startChunk(size, size <= sizeLimit);
                    }
                }
            }
        });
    }

    private static String describe(SmtpFrame frame) {
        if (frame instanceof SmtpFrame.CommandLine line) {
            return (line.bareLf() ? "bare-lf-line[" : "line[") + line.line() + "]";
        }
        if (frame instanceof SmtpFrame.MessageData data) {
            if (data.oversize()) {
                return "oversize[" + data.size() + "]";
            }
            String text = new String(data.content(), StandardCharsets.UTF_8);
            return data.bareNewline() == null ? "data[" + text + "]" : "data-bare" + data.bareNewline() + "[" + text + "]";
        }
        if (frame instanceof SmtpFrame.Chunk chunk) {
            return chunk.content() == null ? "dropped-chunk[" + chunk.size() + "]"
                    : "chunk[" + new String(chunk.content(), StandardCharsets.UTF_8) + "]";
        }
        return "too-long";
    }
}
