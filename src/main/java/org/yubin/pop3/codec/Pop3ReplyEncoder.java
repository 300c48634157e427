package org.yubin.pop3.codec;

import java.nio.charset.StandardCharsets;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToByteEncoder;

/**
 * Writes {@link Pop3Reply}s: the status line, then for a multi-line reply each line with a
 * leading {@code .} doubled (RFC 1939 3) and the terminating {@code .}. Anything else
 * (message content from {@link DotStuffedMessage}) passes through. Stateless, shared.
 */
@ChannelHandler.Sharable
public final class Pop3ReplyEncoder extends MessageToByteEncoder<Pop3Reply> {

    public static final Pop3ReplyEncoder INSTANCE = new Pop3ReplyEncoder();

    private Pop3ReplyEncoder() {
        super(Pop3Reply.class);
    }

    @Override
    protected void encode(ChannelHandlerContext ctx, Pop3Reply reply, ByteBuf out) {
        writeLine(out, reply.statusLine());
        if (reply.lines() != null) {
            for (String line : reply.lines()) {
                writeLine(out, line.startsWith(".") ? "." + line : line);
            }
            writeLine(out, ".");
        }
    }

    private static void writeLine(ByteBuf out, String line) {
        out.writeCharSequence(line, StandardCharsets.UTF_8);
        out.writeByte('\r').writeByte('\n');
    }
}
