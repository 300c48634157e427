package org.yubin.smtp;

import java.util.Objects;

import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;

/**
 * How a listener offers TLS: not at all, by STARTTLS (RFC 3207: MX and submission), or
 * from the first byte (RFC 8314 implicit TLS: SMTPS).
 *
 * @param mode    the kind of TLS
 * @param context the server context; {@code null} only for {@link Mode#NONE}
 */
public record SmtpTls(Mode mode, SslContext context) {

    public enum Mode { NONE, STARTTLS, IMPLICIT }

    public static final SmtpTls NONE = new SmtpTls(Mode.NONE, null);

    public SmtpTls {
        Objects.requireNonNull(mode, "mode");
        if ((mode == Mode.NONE) != (context == null)) {
            throw new IllegalArgumentException("TLS mode " + mode + " and context " + context + " do not go together");
        }
    }

    public static SmtpTls startTls(SslContext context) {
        return new SmtpTls(Mode.STARTTLS, context);
    }

    public static SmtpTls implicit(SslContext context) {
        return new SmtpTls(Mode.IMPLICIT, context);
    }

    /**
     * A new server-side handler. With {@code startTls} the first write (the 220 reply to
     * STARTTLS) still goes out in plain text.
     */
    SslHandler newHandler(ByteBufAllocator alloc, boolean startTls) {
        if (context == null) {
            throw new IllegalStateException("this listener has no TLS");
        }
        return new SslHandler(context.newEngine(alloc), startTls);
    }
}
