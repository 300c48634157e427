package org.yubin.pop3.codec;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import org.junit.jupiter.api.Test;

class DotStuffedMessageTest {

    private static String read(DotStuffedMessage message) throws Exception {
        StringBuilder out = new StringBuilder();
        while (!message.isEndOfInput()) {
            ByteBuf chunk = message.readChunk(ByteBufAllocator.DEFAULT);
            out.append(chunk.toString(StandardCharsets.ISO_8859_1));
            chunk.release();
        }
        return out.toString();
    }

    private static ByteArrayInputStream stream(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.ISO_8859_1));
    }

    @Test
    void linesStartingWithADotGetASecondOneAndADotEndsTheResponse() throws Exception {
        assertThat(read(DotStuffedMessage.whole(stream("A: b\r\n\r\n.\r\n..x\r\nmid.dle\r\n.\r\n"))))
                .isEqualTo("A: b\r\n\r\n..\r\n...x\r\nmid.dle\r\n..\r\n.\r\n");
    }

    @Test
    void aLastLineWithoutLineEndGetsCrlfAndAnEmptyMessageIsJustTheDot() throws Exception {
        assertThat(read(DotStuffedMessage.whole(stream("A: b\r\n\r\nno end")))).isEqualTo("A: b\r\n\r\nno end\r\n.\r\n");
        assertThat(read(DotStuffedMessage.whole(stream("")))).isEqualTo(".\r\n");
    }

    @Test
    void stuffingWorksAcrossChunkBoundaries() throws Exception {
        StringBuilder message = new StringBuilder("A: b\r\n\r\n");
        StringBuilder expected = new StringBuilder(message);
        for (int i = 0; i < 20_000; i++) {
            message.append(".line ").append(i).append("\r\n");
            expected.append("..line ").append(i).append("\r\n");
        }
        expected.append(".\r\n");
        assertThat(read(DotStuffedMessage.whole(stream(message.toString())))).isEqualTo(expected.toString());
    }

    @Test
    void topStopsAfterTheRequestedBodyLinesOrTheHeaderForZero() throws Exception {
        String message = "A: b\r\nC: d\r\n\r\none\r\n.two\r\nthree\r\n";
        assertThat(read(DotStuffedMessage.top(stream(message), 2))).isEqualTo("A: b\r\nC: d\r\n\r\none\r\n..two\r\n.\r\n");
        assertThat(read(DotStuffedMessage.top(stream(message), 0))).isEqualTo("A: b\r\nC: d\r\n\r\n.\r\n");
        assertThat(read(DotStuffedMessage.top(stream(message), 99))).isEqualTo(message.replace("\r\n.two", "\r\n..two") + ".\r\n");
    }

    @Test
    void topOfAMessageWithoutBodyIsTheWholeHeader() throws Exception {
        assertThat(read(DotStuffedMessage.top(stream("A: b\r\nC: d\r\n"), 5))).isEqualTo("A: b\r\nC: d\r\n.\r\n");
    }
}
