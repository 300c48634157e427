package org.yubin.tls;

import java.util.Objects;

import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;

/**
 * How one listener of any protocol offers TLS: not at all (tests), by an in-protocol
 * upgrade (SMTP STARTTLS RFC 3207, IMAP STARTTLS RFC 3501, POP3 STLS RFC 2595), or from
 * the first byte (RFC 8314 implicit TLS: SMTPS, IMAPS, POP3S).
 *
 * @param mode    the kind of TLS
 * @param context the server context; {@code null} only for {@link Mode#NONE}
 */
public record ListenerTls(Mode mode, SslContext context) {

    public enum Mode { NONE, STARTTLS, IMPLICIT }

    public static final ListenerTls NONE = new ListenerTls(Mode.NONE, null);

    public ListenerTls {
        Objects.requireNonNull(mode, "mode");
        if ((mode == Mode.NONE) != (context == null)) {
            throw new IllegalArgumentException("TLS mode " + mode + " and context " + context + " do not go together");
        }
    }

    /** TLS after the protocol's upgrade command (STARTTLS, STLS). */
    public static ListenerTls startTls(SslContext context) {
        return new ListenerTls(Mode.STARTTLS, context);
    }

    public static ListenerTls implicit(SslContext context) {
        return new ListenerTls(Mode.IMPLICIT, context);
    }

    public boolean isImplicit() {
        return mode == Mode.IMPLICIT;
    }

    /** Whether the upgrade command (STARTTLS, STLS) is offered on this listener. */
    public boolean offersStartTls() {
        return mode == Mode.STARTTLS;
    }

    /**
     * A new server-side handler. With {@code startTls} the first write (the positive reply
     * to the upgrade command) still goes out in plain text.
     */
    public SslHandler newHandler(ByteBufAllocator alloc, boolean startTls) {
        if (context == null) {
            throw new IllegalStateException("this listener has no TLS");
        }
        return new SslHandler(context.newEngine(alloc), startTls);
    }
}
