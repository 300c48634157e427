package org.yubin.imap;

import java.io.IOException;
import java.util.function.Consumer;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import io.netty.util.ReferenceCountUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.yubin.delivery.store.MailboxExistsException;
import org.yubin.delivery.store.NoSuchMailboxException;
import org.yubin.imap.codec.ImapFrameDecoder;
import org.yubin.imap.codec.ImapRequest;
import org.yubin.imap.codec.LiteralPolicy;
import org.yubin.imap.command.ImapCommand;
import org.yubin.imap.command.ImapCommands;

/**
 * The IMAP protocol state machine of one connection (RFC 3501): greets, checks each
 * command against the {@link ImapSessionState}, runs it, reports mailbox changes where
 * RFC 3501 7.4.1 allows, and writes the tagged answer. Too many errors end the session
 * with {@code * BYE}. Runs on the connection's event loop, one of IMAP's own loops, because
 * store and directory calls block (see {@link ImapServerInitializer}). One instance per channel.
 */
public final class ImapSessionHandler extends ChannelInboundHandlerAdapter implements LiteralPolicy {

    private static final Logger LOG = LoggerFactory.getLogger(ImapSessionHandler.class);

    /** BAD answers a session may collect before it is disconnected. */
    static final int MAX_ERRORS = 20;

    private final ImapSettings settings;
    private final ImapServices services;
    private final ImapCommands commands;
    private ImapFrameDecoder decoder;
    private ImapSession session;
    private int errors;

    public ImapSessionHandler(ImapSettings settings, ImapServices services, ImapCommands commands) {
        this.settings = settings;
        this.services = services;
        this.commands = commands;
    }

    /** The decoder must be created by this handler so that it can ask before inviting literals. */
    public ImapFrameDecoder newDecoder() {
        decoder = new ImapFrameDecoder(settings.maxLineLength(), settings.messageSizeLimit(), this);
        return decoder;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        session = new ImapSession(ctx, settings, services, decoder);
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        if (!settings.implicitTls()) {
            greet();
        }
        super.channelActive(ctx);
    }

    private void greet() {
        session.untagged("OK [CAPABILITY " + session.capabilities() + "] " + settings.hostname() + " IMAP4rev1 ready");
        session.flush();
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
        if (event instanceof SslHandshakeCompletionEvent handshake) {
            if (!handshake.isSuccess()) {
                LOG.info("imap: TLS handshake failed from {}: {}", session.client(), handshake.cause().getMessage());
                ctx.close();
                return;
            }
            if (settings.implicitTls()) {
                greet();
            } else {
                session.tlsStarted();
                decoder.endDiscard();
                session.resumeReading();
            }
        }
        super.userEventTriggered(ctx, event);
    }

    @Override
    public String refusal(String tag, String command, long size) {
        ImapCommand known = commands.get(command);
        if (known == null) {
            return tag + " BAD Unknown command";
        }
        if (!known.validIn().contains(session.state())) {
            return tag + " BAD Command not valid in this state";
        }
        // the decoder writes the continuation next: answers to earlier commands go first
        session.flush();
        return null;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        try {
            if (session.state() == ImapSessionState.LOGOUT) {
                return;
            }
            if (msg instanceof ImapRequest.RawLine raw) {
                Consumer<String> handler = session.takeRawLineHandler();
                if (handler != null) {
                    handler.accept(raw.text());
                }
            } else if (msg instanceof ImapRequest.Refused refused) {
                session.write((refused.response() + "\r\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
                if (refused.close()) {
                    session.bye("Too much data");
                } else {
                    error();
                }
            } else if (msg instanceof ImapRequest.Command command) {
                run(command);
            }
        } finally {
            ReferenceCountUtil.release(msg);
        }
    }

    private void run(ImapRequest.Command command) {
        ImapCommand handler = commands.get(command.name());
        if (handler == null) {
            session.tagged(command.tag(), "BAD Unknown command " + printable(command.name()));
            error();
            return;
        }
        if (!handler.validIn().contains(session.state())) {
            session.tagged(command.tag(), "BAD Command not valid in this state");
            error();
            return;
        }
        String completion;
        try {
            completion = handler.execute(session, command);
        } catch (ImapCommandException e) {
            completion = (e.isBad() ? "BAD " : "NO ") + e.getMessage();
            if (e.isBad()) {
                error();
            }
        } catch (NoSuchMailboxException e) {
            completion = "NO [NONEXISTENT] Mailbox doesn't exist";
        } catch (MailboxExistsException e) {
            completion = "NO [ALREADYEXISTS] Mailbox already exists";
        } catch (IllegalArgumentException e) {
            // the store refuses names that could leave the Maildir, and INBOX where it cannot be
            LOG.info("imap({}): {} refused from {}: {}", login(), command.name(), session.client(), e.getMessage());
            completion = "NO [CANNOT] " + e.getMessage();
        } catch (IOException | RuntimeException e) {
            LOG.warn("imap({}): {} failed for {}", login(), command.name(), session.client(), e);
            completion = "NO [SERVERBUG] Internal error occurred. Refer to server log for more information.";
        }
        if (completion == null || session.state() == ImapSessionState.LOGOUT) {
            return;
        }
        report(handler);
        session.tagged(command.tag(), completion);
    }

    /** Untagged news of the selected mailbox, where the command allows it. */
    void report(ImapCommand handler) {
        SelectedMailbox selected = session.selected();
        if (selected != null && handler.allowsUpdates() && selected.hasChanged()) {
            try {
                selected.update(session);
            } catch (IOException e) {
                LOG.warn("imap({}): refreshing {} failed: {}", login(), selected.name(), e.toString());
            }
        }
    }

    private void error() {
        if (++errors >= MAX_ERRORS) {
            LOG.info("imap({}): disconnecting {}: too many errors", login(), session.client());
            session.bye("Too many invalid IMAP commands.");
        }
    }

    private String login() {
        return session.user() == null ? "-" : session.user().login();
    }

    private static String printable(String text) {
        return text.length() > 40 || !text.chars().allMatch(c -> c > ' ' && c < 0x7f) ? "" : text;
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        session.flush();
        ctx.fireChannelReadComplete();
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) throws Exception {
        session.writable();
        super.channelWritabilityChanged(ctx);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        session.closed();
        super.channelInactive(ctx);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        LOG.info("imap({}): connection from {} failed: {}", login(), session.client(), cause.toString());
        ctx.close();
    }
}
