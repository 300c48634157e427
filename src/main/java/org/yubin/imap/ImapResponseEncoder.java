package org.yubin.imap;

import java.util.List;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToMessageEncoder;

/**
 * Response batches ({@code ByteBuf[]}, the session's responses since its last flush) to one
 * composite buffer over them, copying nothing, so a batch goes out in one gathering write.
 * Buffers pass untouched. Stateless and shared.
 */
@ChannelHandler.Sharable
public final class ImapResponseEncoder extends MessageToMessageEncoder<Object> {

    public static final ImapResponseEncoder INSTANCE = new ImapResponseEncoder();

    private ImapResponseEncoder() {
    }

    @Override
    public boolean acceptOutboundMessage(Object msg) {
        return msg instanceof ByteBuf[];
    }

    @Override
    protected void encode(ChannelHandlerContext ctx, Object msg, List<Object> out) {
        ByteBuf[] batch = (ByteBuf[]) msg;
        out.add(batch.length == 1 ? batch[0] : Unpooled.wrappedBuffer(batch.length, batch));
    }
}
