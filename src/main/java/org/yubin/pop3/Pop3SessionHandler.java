package org.yubin.pop3;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.Locale;
import java.util.Map;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import io.netty.handler.timeout.IdleStateEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.yubin.auth.Authenticator;
import org.yubin.delivery.store.MailStore;
import org.yubin.pop3.codec.Pop3Line;
import org.yubin.pop3.codec.Pop3LineDecoder;
import org.yubin.pop3.codec.Pop3Reply;
import org.yubin.pop3.command.Pop3Command;
import org.yubin.pop3.command.Pop3Commands;
import org.yubin.tls.ListenerTls;
import org.yubin.tls.TlsFailures;
import org.yubin.tls.TlsSessionInfo;

/**
 * The POP3 server (RFC 1939, RFC 2449 CAPA, RFC 2595 STLS, RFC 5034 SASL): turns each
 * {@link Pop3Line} into a {@link Pop3Command} call on the connection's {@link Pop3Session},
 * after checking that the command is allowed in the current {@link Pop3SessionState}. One
 * instance per channel, on the same executor as the {@link Pop3LineDecoder}, which the
 * session pauses and switches. Unknown commands, commands in the wrong state and too long
 * lines count as errors; too many close the connection.
 *
 * <p>On an STLS listener the greeting goes out at once; on an implicit-TLS listener after
 * the handshake. A failed handshake is logged in one line and closes the connection. A
 * silent client ({@link IdleStateEvent}) gets {@code -ERR} and is disconnected without the
 * UPDATE state (RFC 1939 3).
 */
public final class Pop3SessionHandler extends ChannelInboundHandlerAdapter {

    private static final Logger LOG = LoggerFactory.getLogger(Pop3SessionHandler.class);

    static final Pop3Reply UNKNOWN_COMMAND = Pop3Reply.err("Unknown command.");
    static final Pop3Reply LINE_TOO_LONG = Pop3Reply.err("Line too long.");

    private final Pop3Settings settings;
    private final ListenerTls tls;
    private final Authenticator authenticator;
    private final MailStore mailStore;
    private final MaildropLocks locks;
    private final Map<String, Pop3Command> commands;
    private Pop3Session session;
    private boolean tlsFailureLogged;

    public Pop3SessionHandler(Pop3Settings settings, ListenerTls tls, Authenticator authenticator, MailStore mailStore,
                              MaildropLocks locks) {
        this.settings = settings;
        this.tls = tls;
        this.authenticator = authenticator;
        this.mailStore = mailStore;
        this.locks = locks;
        this.commands = Pop3Commands.all();
    }

    /** The session, once the channel is active; for tests. */
    Pop3Session session() {
        return session;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        Pop3LineDecoder decoder = ctx.pipeline().get(Pop3LineDecoder.class);
        if (decoder == null) {
            throw new IllegalStateException("the POP3 session needs a Pop3LineDecoder before it in the pipeline");
        }
        session = new Pop3Session(ctx, settings, tls, authenticator, mailStore, locks, decoder,
                ctx.channel().remoteAddress() instanceof InetSocketAddress remote ? remote.getAddress() : null);
        if (tls.mode() != ListenerTls.Mode.IMPLICIT) {
            session.greet();
        }
        super.channelActive(ctx);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof Pop3Line line)) {
            ctx.fireChannelRead(msg);
            return;
        }
        if (session.state() == Pop3SessionState.UPDATE) {
            return;
        }
        if (line.tooLong()) {
            session.continueWith(null);
            session.error(LINE_TOO_LONG);
            return;
        }
        try {
            Pop3Session.Continuation continuation = session.continuation();
            if (continuation != null) {
                session.continueWith(null);
                continuation.onLine(session, line.text());
            } else {
                dispatch(line.text());
            }
        } catch (RuntimeException e) {
            LOG.warn("{}: command failed for rip={}: {}", settings.listener(), session.client(), e.toString());
            LOG.debug("{}: command failure", settings.listener(), e);
            session.reply(Pop3Reply.err(Pop3Reply.SYS_TEMP, "Internal error occurred."));
        }
    }

    private void dispatch(String text) {
        int space = text.indexOf(' ');
        String verb = (space < 0 ? text : text.substring(0, space)).toUpperCase(Locale.ROOT);
        String argument = space < 0 ? "" : text.substring(space + 1);
        Pop3Command command = commands.get(verb);
        if (command == null) {
            session.error(UNKNOWN_COMMAND);
        } else if (!command.states().contains(session.state())) {
            session.error(Pop3Reply.err(verb + " not allowed now."));
        } else {
            command.execute(session, argument);
        }
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
        if (event instanceof SslHandshakeCompletionEvent handshake) {
            if (!handshake.isSuccess()) {
                logTlsFailure(handshake.cause());
                ctx.close();
                return;
            }
            SslHandler ssl = ctx.pipeline().get(SslHandler.class);
            if (session.tlsEstablished(TlsSessionInfo.of(ssl.engine().getSession()))) {
                session.greet();
            }
        } else if (event instanceof IdleStateEvent) {
            LOG.info("{}: timeout from rip={}", settings.listener(), session.client());
            session.timedOut();
        }
        super.userEventTriggered(ctx, event);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        if (session != null) {
            session.ended();
        }
        super.channelInactive(ctx);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        String client = session == null ? "unknown" : session.client();
        if (TlsFailures.isTls(cause)) {
            logTlsFailure(cause);
        } else if (cause instanceof IOException) {
            LOG.info("{}: lost connection from rip={}: {}", settings.listener(), client, cause.getMessage());
        } else {
            LOG.warn("{}: closing after unexpected error, rip={}: {}", settings.listener(), client, cause.toString());
            LOG.debug("{}: unexpected error", settings.listener(), cause);
        }
        ctx.close();
    }

    private void logTlsFailure(Throwable cause) {
        if (!tlsFailureLogged) {
            tlsFailureLogged = true;
            LOG.info("{}: TLS handshake failed from rip={}: {}", settings.listener(),
                    session == null ? "unknown" : session.client(), TlsFailures.rootMessage(cause));
        }
    }
}
