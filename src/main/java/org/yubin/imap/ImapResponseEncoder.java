package org.yubin.imap;

import java.util.List;

import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToMessageEncoder;

/**
 * Response text ({@link CharSequence}, written as UTF-8) and prepared response bytes
 * ({@code byte[]}, wrapped without copying) to buffers; buffers pass untouched.
 * Stateless and shared.
 */
@ChannelHandler.Sharable
public final class ImapResponseEncoder extends MessageToMessageEncoder<Object> {

    public static final ImapResponseEncoder INSTANCE = new ImapResponseEncoder();

    private ImapResponseEncoder() {
    }

    @Override
    public boolean acceptOutboundMessage(Object msg) {
        return msg instanceof CharSequence || msg instanceof byte[];
    }

    @Override
    protected void encode(ChannelHandlerContext ctx, Object msg, List<Object> out) {
        if (msg instanceof byte[] bytes) {
            out.add(Unpooled.wrappedBuffer(bytes));
        } else {
            out.add(ByteBufUtil.writeUtf8(ctx.alloc(), (CharSequence) msg));
        }
    }
}
