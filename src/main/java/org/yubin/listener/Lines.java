package org.yubin.listener;

import java.nio.charset.Charset;

import io.netty.buffer.ByteBuf;

/** Line scanning shared by the command decoders: a line ends at LF, a CR before it is dropped. */
public final class Lines {

    private Lines() {
    }

    /**
     * Skips the rest of an overlong line: through the next LF when there is one (true), else
     * all that is readable (false: the line goes on in the next read).
     */
    public static boolean skipLine(ByteBuf in) {
        int lf = in.indexOf(in.readerIndex(), in.writerIndex(), (byte) '\n');
        if (lf < 0) {
            in.skipBytes(in.readableBytes());
            return false;
        }
        in.readerIndex(lf + 1);
        return true;
    }

    /** Reads the line ending with the LF at {@code lf}, without CR and LF, and moves past the LF. */
    public static String readLine(ByteBuf in, int lf, Charset charset) {
        int end = lf > in.readerIndex() && in.getByte(lf - 1) == '\r' ? lf - 1 : lf;
        String text = in.toString(in.readerIndex(), end - in.readerIndex(), charset);
        in.readerIndex(lf + 1);
        return text;
    }
}
