package org.yubin.imap;

import java.util.List;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToMessageEncoder;

/**
 * Response batches ({@code byte[][]}, the session's responses since its last flush) to one
 * buffer that wraps the arrays without copying them, so a batch goes out in one gathering
 * write. Buffers pass untouched. Stateless and shared.
 */
@ChannelHandler.Sharable
public final class ImapResponseEncoder extends MessageToMessageEncoder<Object> {

    public static final ImapResponseEncoder INSTANCE = new ImapResponseEncoder();

    private ImapResponseEncoder() {
    }

    @Override
    public boolean acceptOutboundMessage(Object msg) {
        return msg instanceof byte[][];
    }

    @Override
    protected void encode(ChannelHandlerContext ctx, Object msg, List<Object> out) {
        out.add(Unpooled.wrappedBuffer((byte[][]) msg));
    }
}
