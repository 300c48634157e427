package org.yubin.pop3;

import java.util.Objects;

import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;

/**
 * How a POP3 listener offers TLS: not at all (tests), by STLS (RFC 2595, port 110) or from
 * the first byte (RFC 8314 implicit TLS, port 995).
 *
 * @param mode    the kind of TLS
 * @param context the server context; {@code null} only for {@link Mode#NONE}
 */
public record Pop3Tls(Mode mode, SslContext context) {

    public enum Mode { NONE, STLS, IMPLICIT }

    public static final Pop3Tls NONE = new Pop3Tls(Mode.NONE, null);

    public Pop3Tls {
        Objects.requireNonNull(mode, "mode");
        if ((mode == Mode.NONE) != (context == null)) {
            throw new IllegalArgumentException("TLS mode " + mode + " and context " + context + " do not go together");
        }
    }

    public static Pop3Tls stls(SslContext context) {
        return new Pop3Tls(Mode.STLS, context);
    }

    public static Pop3Tls implicit(SslContext context) {
        return new Pop3Tls(Mode.IMPLICIT, context);
    }

    /** A new server-side handler; with {@code startTls} the first write (the +OK to STLS) goes out in plain text. */
    public SslHandler newHandler(ByteBufAllocator alloc, boolean startTls) {
        if (context == null) {
            throw new IllegalStateException("this listener has no TLS");
        }
        return new SslHandler(context.newEngine(alloc), startTls);
    }
}
