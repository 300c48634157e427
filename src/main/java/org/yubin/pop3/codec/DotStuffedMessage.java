package org.yubin.pop3.codec;

import java.io.IOException;
import java.io.InputStream;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.stream.ChunkedInput;

/**
 * A message as the body of a RETR or TOP response, read from its CRLF stream in chunks
 * while the client takes it (Netty's {@code ChunkedWriteHandler} asks for the next chunk
 * only when the channel is writable, so a slow client never makes the whole message sit
 * in memory): lines starting with {@code .} get a second one (RFC 1939 3), a last line
 * without line end gets CRLF, and {@code .CRLF} ends the response. For TOP only the
 * header, the blank line and the first {@code bodyLines} body lines are sent (RFC 1939 7).
 * The stream is closed at the end or by {@link #close()}. Not thread-safe.
 */
public final class DotStuffedMessage implements ChunkedInput<ByteBuf> {

    private static final int CHUNK = 16 * 1024;
    private static final byte[] TERMINATOR = {'.', '\r', '\n'};

    private final InputStream in;
    private final long bodyLines;
    private final byte[] buffer = new byte[CHUNK];
    private boolean sourceDone;
    private boolean ended;
    private boolean lineStart = true;
    private boolean lineBlank = true;
    private boolean inHeader = true;
    private long bodyLinesSent;
    private long progress;

    private DotStuffedMessage(InputStream in, long bodyLines) {
        this.in = in;
        this.bodyLines = bodyLines;
    }

    /** The whole message (RETR). */
    public static DotStuffedMessage whole(InputStream in) {
        return new DotStuffedMessage(in, -1);
    }

    /** The header and the first {@code bodyLines} lines of the body (TOP). */
    public static DotStuffedMessage top(InputStream in, long bodyLines) {
        if (bodyLines < 0) {
            throw new IllegalArgumentException("negative line count: " + bodyLines);
        }
        return new DotStuffedMessage(in, bodyLines);
    }

    @Override
    public boolean isEndOfInput() {
        return ended;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }

    @Deprecated
    @Override
    public ByteBuf readChunk(ChannelHandlerContext ctx) throws Exception {
        return readChunk(ctx.alloc());
    }

    @Override
    public ByteBuf readChunk(ByteBufAllocator allocator) throws Exception {
        if (ended) {
            return null;
        }
        ByteBuf out = allocator.buffer(CHUNK + CHUNK / 4);
        try {
            if (!sourceDone) {
                int read = in.read(buffer);
                if (read < 0) {
                    sourceDone = true;
                } else {
                    progress += read;
                    stuff(read, out);
                }
            }
            if (sourceDone) {
                if (!lineStart) {
                    out.writeByte('\r').writeByte('\n');
                }
                out.writeBytes(TERMINATOR);
                ended = true;
                in.close();
            }
            return out;
        } catch (IOException | RuntimeException e) {
            out.release();
            throw e;
        }
    }

    private void stuff(int length, ByteBuf out) {
        for (int i = 0; i < length && !sourceDone; i++) {
            byte b = buffer[i];
            if (lineStart && b == '.') {
                out.writeByte('.');
            }
            out.writeByte(b);
            if (b == '\n') {
                endOfLine();
            } else {
                lineStart = false;
                lineBlank &= b == '\r';
            }
        }
    }

    private void endOfLine() {
        if (inHeader) {
            if (lineBlank) {
                inHeader = false;
                sourceDone = bodyLines == 0;
            }
        } else if (bodyLines >= 0 && ++bodyLinesSent >= bodyLines) {
            sourceDone = true;
        }
        lineStart = true;
        lineBlank = true;
    }

    @Override
    public long length() {
        return -1;
    }

    @Override
    public long progress() {
        return progress;
    }
}
