package org.yubin.smtp.codec;

import java.nio.charset.StandardCharsets;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToByteEncoder;
import org.yubin.smtp.SmtpReply;

/** Writes {@link SmtpReply} objects as CRLF-terminated reply lines. Stateless, hence shared. */
@Sharable
public final class SmtpReplyEncoder extends MessageToByteEncoder<SmtpReply> {

    public static final SmtpReplyEncoder INSTANCE = new SmtpReplyEncoder();

    private SmtpReplyEncoder() {
    }

    @Override
    protected void encode(ChannelHandlerContext ctx, SmtpReply reply, ByteBuf out) {
        out.writeCharSequence(reply.toWireString(), StandardCharsets.UTF_8);
    }
}
