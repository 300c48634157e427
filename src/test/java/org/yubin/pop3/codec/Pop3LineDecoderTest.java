package org.yubin.pop3.codec;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.Test;

class Pop3LineDecoderTest {

    private final Pop3LineDecoder decoder = new Pop3LineDecoder(16);
    private final EmbeddedChannel channel = new EmbeddedChannel(decoder);

    private void write(String text) {
        channel.writeInbound(Unpooled.copiedBuffer(text, StandardCharsets.UTF_8));
    }

    @Test
    void linesSplitAcrossSegmentsAreJoinedAndCrIsDropped() {
        write("US");
        write("ER a\r");
        write("\nNOOP\nSTAT\r\n");
        assertThat((Object) channel.readInbound()).isEqualTo(Pop3Line.of("USER a"));
        assertThat((Object) channel.readInbound()).isEqualTo(Pop3Line.of("NOOP"));
        assertThat((Object) channel.readInbound()).isEqualTo(Pop3Line.of("STAT"));
        assertThat(channel.finish()).isFalse();
    }

    @Test
    void aLongLineGivesOneTooLongAndIsDroppedUpToItsEnd() {
        write("USER " + "x".repeat(20));
        write("y".repeat(40));
        write("z\r\nNOOP\r\n");
        assertThat((Object) channel.readInbound()).isEqualTo(Pop3Line.TOO_LONG);
        assertThat((Object) channel.readInbound()).isEqualTo(Pop3Line.of("NOOP"));
        assertThat((Object) channel.readInbound()).isNull();
    }

    @Test
    void afterDiscardPlaintextTheLinesPipelinedBehindTheCommandAndLaterOnesAreDropped() {
        Pop3LineDecoder stlsDecoder = new Pop3LineDecoder(16);
        EmbeddedChannel stls = new EmbeddedChannel(stlsDecoder, new ChannelInboundHandlerAdapter() {
            @Override
            public void channelRead(ChannelHandlerContext ctx, Object msg) {
                if (msg.equals(Pop3Line.of("STLS"))) {
                    stlsDecoder.discardPlaintext();
                }
                ctx.fireChannelRead(msg);
            }
        });
        stls.writeInbound(Unpooled.copiedBuffer("STLS\r\nUSER evil\r\n", StandardCharsets.UTF_8));
        stls.writeInbound(Unpooled.copiedBuffer("PASS evil\r\n", StandardCharsets.UTF_8));
        assertThat((Object) stls.readInbound()).isEqualTo(Pop3Line.of("STLS"));
        assertThat((Object) stls.readInbound()).isNull();
        stlsDecoder.endDiscard();
        stls.writeInbound(Unpooled.copiedBuffer("CAPA\r\n", StandardCharsets.UTF_8));
        assertThat((Object) stls.readInbound()).isEqualTo(Pop3Line.of("CAPA"));
    }

    @Test
    void aPausedDecoderKeepsInputUntilResumed() {
        decoder.pause();
        write("NOOP\r\n");
        assertThat((Object) channel.readInbound()).isNull();
        decoder.resume();
        assertThat((Object) channel.readInbound()).isEqualTo(Pop3Line.of("NOOP"));
    }
}
