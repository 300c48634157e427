package org.yubin.smtp;

import static org.yubin.log.LogText.printable;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import io.netty.util.ReferenceCountUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.yubin.auth.SaslMechanism;
import org.yubin.auth.SaslServer;
import org.yubin.auth.SaslStep;
import org.yubin.directory.DirectoryUnavailableException;
import org.yubin.directory.MailUser;
import org.yubin.directory.RecipientResolver;
import org.yubin.smtp.codec.SmtpFrame;
import org.yubin.smtp.codec.SmtpFrameDecoder;
import org.yubin.smtp.hook.HookResult;
import org.yubin.smtp.hook.MailHook;
import org.yubin.smtp.hook.MailRequest;
import org.yubin.smtp.hook.RcptHook;
import org.yubin.smtp.hook.RcptRequest;
import org.yubin.smtp.hook.SmtpPolicy;
import org.yubin.tls.ListenerTls;
import org.yubin.tls.TlsFailures;
import org.yubin.tls.TlsSessionInfo;

/**
 * The SMTP server state machine (RFC 5321, with RFC 1870 SIZE, 6152 8BITMIME, 6531
 * SMTPUTF8, 2920 PIPELINING, 3030 CHUNKING, 2034 ENHANCEDSTATUSCODES). One instance per
 * channel. It must run on the same executor as the channel's {@link SmtpFrameDecoder},
 * because it switches the decoder's mode while handling DATA and BDAT.
 *
 * <p>A complete message goes up the pipeline as an {@link AcceptedMessage}; reading then
 * stops until the last handler (Camel) writes the outcome back: any {@link Throwable}
 * refuses the message ({@link SmtpRejectException}'s reply, else 451 4.3.0), anything else
 * means queued (250). Pipelined input that arrived meanwhile stays in the decoder.
 *
 * <p>TLS (RFC 3207, RFC 8314): on a STARTTLS listener, EHLO offers STARTTLS until TLS is
 * on. The command puts an {@link SslHandler} at the front of the pipeline before the
 * {@code 220} goes out, and the decoder drops the plain text the client sent after the
 * command until the handshake is done; then the session starts over without a greeting
 * (the client must EHLO again). On an implicit-TLS listener the greeting waits for the
 * handshake. A failed handshake is logged in one line and closes the connection.
 *
 * <p>AUTH (RFC 4954), where the listener's {@link SmtpAuth} enables it: advertised in EHLO
 * (on a STARTTLS listener only under TLS unless configured otherwise); the exchange runs
 * in the {@link SmtpSessionState#AUTH} state, one {@link SaslServer} step per line. A
 * failure is answered after the authenticator's delay by a task on this channel's
 * executor, reading paused meanwhile, so no thread waits and other clients go on. MAIL
 * hooks that ask DNS ({@link MailHook#blocks()}) run on the policy's look-up threads the
 * same way: the session reads nothing until they have answered, its event loop serves
 * the other sessions meanwhile.
 */
public final class SmtpSessionHandler extends ChannelDuplexHandler {

    private static final Logger LOG = LoggerFactory.getLogger(SmtpSessionHandler.class);

    private static final SmtpReply SEND_HELO_FIRST = new SmtpReply(503, "5.5.1", "Error: send HELO/EHLO first");
    private static final SmtpReply NESTED_MAIL = new SmtpReply(503, "5.5.1", "Error: nested MAIL command");
    private static final SmtpReply NEED_MAIL = new SmtpReply(503, "5.5.1", "Error: need MAIL command");
    private static final SmtpReply NEED_RCPT = new SmtpReply(503, "5.5.1", "Error: need RCPT command");
    private static final SmtpReply BDAT_IN_PROGRESS = new SmtpReply(503, "5.5.1", "Error: BDAT in progress");
    private static final SmtpReply MAIL_SYNTAX = new SmtpReply(501, "5.5.4", "Syntax: MAIL FROM:<address>");
    private static final SmtpReply RCPT_SYNTAX = new SmtpReply(501, "5.5.4", "Syntax: RCPT TO:<address>");
    private static final SmtpReply BAD_SENDER = new SmtpReply(501, "5.1.7", "Bad sender address syntax");
    private static final SmtpReply BAD_RECIPIENT = new SmtpReply(501, "5.1.3", "Bad recipient address syntax");
    private static final SmtpReply NEED_SMTPUTF8 =
            new SmtpReply(553, "5.6.7", "Must declare SMTPUTF8 to send unicode address");
    private static final SmtpReply BAD_BODY = new SmtpReply(501, "5.5.4", "Bad BODY parameter");
    private static final SmtpReply BAD_SIZE = new SmtpReply(501, "5.5.4", "Bad SIZE parameter");
    private static final SmtpReply BARE_LF_COMMAND = new SmtpReply(500, "5.5.2", "Error: bare <LF> received");
    private static final SmtpReply SENDER_OK = new SmtpReply(250, "2.1.0", "Ok");
    private static final SmtpReply RECIPIENT_OK = new SmtpReply(250, "2.1.5", "Ok");
    private static final SmtpReply START_DATA = new SmtpReply(354, null, "End data with <CR><LF>.<CR><LF>");
    private static final SmtpReply VRFY_ANSWER = new SmtpReply(252, "2.0.0", "Send mail to find out");
    private static final SmtpReply HELP = new SmtpReply(214, "2.0.0",
            "Commands: EHLO HELO MAIL RCPT DATA BDAT RSET NOOP VRFY HELP QUIT");
    private static final SmtpReply HELP_STARTTLS = new SmtpReply(214, "2.0.0",
            "Commands: EHLO HELO STARTTLS MAIL RCPT DATA BDAT RSET NOOP VRFY HELP QUIT");
    private static final SmtpReply READY_FOR_TLS = new SmtpReply(220, "2.0.0", "Ready to start TLS");
    private static final SmtpReply TLS_ACTIVE = new SmtpReply(503, "5.5.1", "Error: TLS already active");
    private static final SmtpReply MAIL_IN_PROGRESS = new SmtpReply(503, "5.5.1", "Error: MAIL transaction in progress");
    private static final SmtpReply NOT_IMPLEMENTED = new SmtpReply(502, "5.5.1", "Error: command not implemented");

    private final SmtpListenerSettings settings;
    private final RecipientResolver resolver;
    private final ListenerTls tls;
    private final SmtpAuth auth;
    private final List<MailHook> mailHooks;
    /** Where the MAIL hooks run, {@code null} for this channel's event loop. */
    private final Executor mailHookExecutor;
    private final List<RcptHook> rcptHooks;
    private final QueueIdGenerator queueIds;
    private final Clock clock;

    private SmtpFrameDecoder decoder;
    private SmtpSessionState state = SmtpSessionState.CONNECTED;
    private InetAddress clientAddress;
    private String client = "unknown[unknown]";
    private String helo;
    private boolean esmtp;
    private MailTransaction transaction;
    private boolean discardingChunk;
    private int errors;
    private boolean active;
    private boolean tlsStarting;
    private boolean tlsFailureLogged;
    private TlsSessionInfo tlsInfo;
    private MailUser authUser;
    private String saslMethod;
    private SaslServer sasl;
    private SaslStep.Success pendingSuccess;
    private final CommandStats stats = new CommandStats();

    public SmtpSessionHandler(SmtpListenerSettings settings, RecipientResolver resolver, ListenerTls tls,
                              SmtpPolicy policy, QueueIdGenerator queueIds, Clock clock) {
        this(settings, resolver, tls, SmtpAuth.NONE, policy, queueIds, clock);
    }

    public SmtpSessionHandler(SmtpListenerSettings settings, RecipientResolver resolver, ListenerTls tls,
                              SmtpAuth auth, SmtpPolicy policy, QueueIdGenerator queueIds, Clock clock) {
        this.settings = settings;
        this.resolver = resolver;
        this.tls = tls;
        this.auth = auth;
        this.mailHooks = policy.mailHooks();
        this.mailHookExecutor = policy.mailHookExecutor();
        this.rcptHooks = policy.rcptHooks();
        this.queueIds = queueIds;
        this.clock = clock;
    }

    public SmtpSessionState state() {
        return state;
    }

    /** The TLS of this session, {@code null} while in plain text. */
    public TlsSessionInfo tls() {
        return tlsInfo;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        decoder = ctx.pipeline().get(SmtpFrameDecoder.class);
        if (decoder == null) {
            throw new IllegalStateException("the SMTP session needs an SmtpFrameDecoder before it in the pipeline");
        }
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        active = true;
        if (ctx.channel().remoteAddress() instanceof InetSocketAddress remote) {
            clientAddress = remote.getAddress();
        }
        client = "unknown[" + (clientAddress == null ? "unknown" : clientAddress.getHostAddress()) + "]";
        LOG.info("connect from {}", client);
        if (tls.mode() != ListenerTls.Mode.IMPLICIT) {
            sendBanner(ctx);
        }
        super.channelActive(ctx);
    }

    private void sendBanner(ChannelHandlerContext ctx) {
        ctx.writeAndFlush(new SmtpReply(220, null, settings.hostname() + " ESMTP yubin"));
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
        if (event instanceof SslHandshakeCompletionEvent handshake) {
            onHandshake(ctx, handshake);
        }
        super.userEventTriggered(ctx, event);
    }

    private void onHandshake(ChannelHandlerContext ctx, SslHandshakeCompletionEvent handshake) {
        if (!handshake.isSuccess()) {
            logTlsFailure(handshake.cause());
            state = SmtpSessionState.CLOSING;
            ctx.close();
            return;
        }
        SslHandler ssl = ctx.pipeline().get(SslHandler.class);
        tlsInfo = TlsSessionInfo.of(ssl.engine().getSession());
        LOG.info("Anonymous TLS connection established from {}: {}", client, tlsInfo);
        if (tlsStarting) {
            // RFC 3207 4.2: forget everything learnt in plain text, the client greets again
            tlsStarting = false;
            helo = null;
            esmtp = false;
            transaction = null;
            authUser = null;
            saslMethod = null;
            state = SmtpSessionState.CONNECTED;
            decoder.endDiscard();
        } else {
            sendBanner(ctx);
        }
    }

    private void logTlsFailure(Throwable cause) {
        if (!tlsFailureLogged) {
            tlsFailureLogged = true;
            LOG.info("TLS handshake failed from {}: {}", client, TlsFailures.rootMessage(cause));
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        if (active) {
            if (state == SmtpSessionState.DATA || state == SmtpSessionState.BDAT) {
                LOG.info("lost connection after {} from {}", state, client);
            }
            LOG.info("disconnect from {} {}", client, stats);
        }
        super.channelInactive(ctx);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (tlsInfo == null && tls.mode() != ListenerTls.Mode.NONE && TlsFailures.isTls(cause)) {
            logTlsFailure(cause);
        } else if (cause instanceof IOException || TlsFailures.isTls(cause)) {
            LOG.info("lost connection after {} from {}: {}", state, client, cause.getMessage());
        } else {
            LOG.warn("{}: closing after unexpected error: {}", client, cause.toString());
            LOG.debug("{}: unexpected error", client, cause);
        }
        state = SmtpSessionState.CLOSING;
        ctx.close();
    }

    /**
     * Not passed on: the handler after the session is the route's, on Camel's executor,
     * and needs only the accepted messages; the end of every read would wake its thread
     * for nothing (several times per message).
     */
    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof SmtpFrame frame)) {
            ctx.fireChannelRead(msg);
            return;
        }
        if (state == SmtpSessionState.CLOSING) {
            return;
        }
        if (state == SmtpSessionState.AUTH) {
            if (frame instanceof SmtpFrame.CommandLine line) {
                onAuthResponse(ctx, line.line());
                return;
            }
            endAuth();
        }
        if (frame instanceof SmtpFrame.CommandLine line) {
            onCommand(ctx, line);
        } else if (frame instanceof SmtpFrame.MessageData data) {
            onMessageData(ctx, data);
        } else if (frame instanceof SmtpFrame.Chunk chunk) {
            onChunk(ctx, chunk);
        } else {
            stats.count("unknown", false);
            reply(ctx, SmtpReply.LINE_TOO_LONG);
        }
    }

    /** The outcome from Camel: the reply to the end of data. */
    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (msg instanceof SmtpReply) {
            ctx.write(msg, promise);
            return;
        }
        try {
            if (state != SmtpSessionState.QUEUEING) {
                promise.tryFailure(new IllegalStateException("no message is waiting for the queue"));
                return;
            }
            MailTransaction done = transaction;
            SmtpReply reply = outcome(done, msg);
            transaction = null;
            state = SmtpSessionState.READY;
            reply(ctx, reply, promise);
            readOnUnlessClosing();
        } finally {
            ReferenceCountUtil.release(msg);
        }
    }

    private SmtpReply outcome(MailTransaction done, Object msg) {
        if (msg instanceof Throwable failure) {
            SmtpRejectException reject = SmtpRejectException.find(failure);
            if (reject != null && !reject.reply().isPositive()) {
                LOG.info("{}: reject: END-OF-MESSAGE from {}: {}; from=<{}> nrcpt={}", done.queueId, client,
                        reject.reply(), printable(done.mailFrom), done.recipients.size());
                return reject.reply();
            }
            LOG.warn("{}: queue file write error: {}", done.queueId, failure.toString());
            LOG.debug("{}: queue failure", done.queueId, failure);
            return SmtpReply.QUEUE_WRITE_ERROR;
        }
        return new SmtpReply(250, "2.0.0", "Ok: queued as " + done.queueId);
    }

    private void onCommand(ChannelHandlerContext ctx, SmtpFrame.CommandLine frame) {
        String line = frame.line();
        int space = line.indexOf(' ');
        String verb = (space < 0 ? line : line.substring(0, space)).toUpperCase(Locale.ROOT);
        String argument = space < 0 ? "" : line.substring(space + 1).strip();
        if (frame.bareLf()) {
            command(ctx, "unknown", BARE_LF_COMMAND);
            return;
        }
        switch (verb) {
            case "EHLO" -> command(ctx, "ehlo", greet(argument, true));
            case "HELO" -> command(ctx, "helo", greet(argument, false));
            case "STARTTLS" -> command(ctx, "starttls", startTls(ctx, argument));
            case "AUTH" -> auth(ctx, argument);
            case "MAIL" -> mail(ctx, argument);
            case "RCPT" -> command(ctx, "rcpt", rcpt(argument));
            case "DATA" -> command(ctx, "data", data(argument));
            case "BDAT" -> command(ctx, "bdat", bdat(ctx, argument));
            case "RSET" -> command(ctx, "rset", rset(argument));
            case "NOOP" -> command(ctx, "noop", SmtpReply.OK);
            case "HELP" -> command(ctx, "help", tls.mode() == ListenerTls.Mode.STARTTLS ? HELP_STARTTLS : HELP);
            case "VRFY" -> command(ctx, "vrfy", argument.isEmpty() ? syntax("VRFY address") : VRFY_ANSWER);
            case "QUIT" -> {
                stats.count("quit", true);
                state = SmtpSessionState.CLOSING;
                decoder.pause();
                ctx.writeAndFlush(SmtpReply.BYE).addListener(ChannelFutureListener.CLOSE);
            }
            case "" -> command(ctx, "unknown", SmtpReply.BAD_SYNTAX);
            default -> command(ctx, "unknown", SmtpReply.UNKNOWN_COMMAND);
        }
    }

    /** Answers one command; {@code reply} is {@code null} when the answer comes later (BDAT chunk). */
    private void command(ChannelHandlerContext ctx, String verb, SmtpReply reply) {
        if (reply == null) {
            return;
        }
        stats.count(verb, reply.isPositive());
        reply(ctx, reply);
    }

    private SmtpReply greet(String argument, boolean extended) {
        if (argument.isEmpty()) {
            return syntax(extended ? "EHLO hostname" : "HELO hostname");
        }
        helo = argument;
        esmtp = extended;
        transaction = null;
        state = SmtpSessionState.READY;
        if (!extended) {
            return new SmtpReply(250, null, settings.hostname());
        }
        List<String> lines = new ArrayList<>(List.of(settings.hostname(), "PIPELINING",
                "SIZE " + settings.messageSizeLimit()));
        if (offersStartTls()) {
            lines.add("STARTTLS");
        }
        if (offersAuth()) {
            lines.add("AUTH " + String.join(" ", auth.authenticator().mechanisms().stream()
                    .map(SaslMechanism::saslName).toList()));
        }
        lines.addAll(List.of("ENHANCEDSTATUSCODES", "8BITMIME", "SMTPUTF8", "CHUNKING"));
        return new SmtpReply(250, null, lines);
    }

    private boolean offersStartTls() {
        return tls.mode() == ListenerTls.Mode.STARTTLS && tlsInfo == null;
    }

    private boolean offersAuth() {
        return auth.enabled() && !auth.authenticator().mechanisms().isEmpty()
                && (tlsInfo != null || !auth.requireTls());
    }

    /** RFC 4954 4: {@code AUTH mechanism [initial-response]}; answers itself (some answers wait). */
    private void auth(ChannelHandlerContext ctx, String argument) {
        SmtpReply refusal = checkAuthAllowed();
        String[] words = argument.split(" +");
        if (refusal == null && (argument.isEmpty() || words.length > 2)) {
            refusal = syntax("AUTH mechanism [initial-response]");
        }
        Optional<SaslServer> server = refusal == null
                ? auth.authenticator().start(words[0], settings.hostname())
                : Optional.empty();
        if (refusal == null && server.isEmpty()) {
            refusal = SmtpAuthReplies.UNSUPPORTED_MECHANISM;
        }
        if (refusal != null) {
            command(ctx, "auth", refusal);
            return;
        }
        if (auth.authenticator().isOverFailureLimit(clientAddress)) {
            LOG.info("{}: SASL {} refused: too many authentication failures", client, server.get().mechanism());
            replyLater(ctx, SmtpAuthReplies.TOO_MANY_FAILURES, auth.authenticator().recordFailure(clientAddress));
            return;
        }
        byte[] initial = null;
        if (words.length == 2) {
            initial = SmtpAuthReplies.decode(words[1], true);
            if (initial == null) {
                command(ctx, "auth", SmtpAuthReplies.CANNOT_DECODE);
                return;
            }
        }
        sasl = server.get();
        authStep(ctx, initial);
    }

    private SmtpReply checkAuthAllowed() {
        if (!auth.enabled()) {
            return SmtpAuthReplies.NOT_ENABLED;
        }
        if (!offersAuth()) {
            return SmtpAuthReplies.STARTTLS_FIRST;
        }
        if (state == SmtpSessionState.CONNECTED) {
            return SEND_HELO_FIRST;
        }
        if (authUser != null) {
            return SmtpAuthReplies.ALREADY_AUTHENTICATED;
        }
        if (transaction != null) {
            return MAIL_IN_PROGRESS;
        }
        return null;
    }

    private void onAuthResponse(ChannelHandlerContext ctx, String line) {
        if (line.equals("*")) {
            LOG.info("{}: SASL {} authentication aborted", client, sasl.mechanism());
            endAuth();
            command(ctx, "auth", SmtpAuthReplies.ABORTED);
            return;
        }
        if (pendingSuccess != null) {
            // RFC 4954 4: after the server's final data the client answers with an empty line
            SaslStep.Success success = pendingSuccess;
            authStep(ctx, line.isEmpty() ? success : new SaslStep.Failure("unexpected response", success.user().login()));
            return;
        }
        byte[] response = SmtpAuthReplies.decode(line, false);
        if (response == null) {
            endAuth();
            command(ctx, "auth", SmtpAuthReplies.CANNOT_DECODE);
            return;
        }
        authStep(ctx, response);
    }

    private void authStep(ChannelHandlerContext ctx, byte[] response) {
        SaslStep next;
        try {
            next = sasl.evaluate(response);
        } catch (DirectoryUnavailableException e) {
            LOG.warn("{}: SASL {} authentication failed: directory unavailable: {}", client, sasl.mechanism(),
                    e.getMessage());
            endAuth();
            command(ctx, "auth", SmtpAuthReplies.TEMPORARY_FAILURE);
            return;
        }
        authStep(ctx, next);
    }

    private void authStep(ChannelHandlerContext ctx, SaslStep next) {
        if (next instanceof SaslStep.Challenge challenge) {
            state = SmtpSessionState.AUTH;
            reply(ctx, SmtpAuthReplies.challenge(challenge.data()));
        } else if (next instanceof SaslStep.Success success && success.finalData() != null && pendingSuccess == null) {
            pendingSuccess = success;
            state = SmtpSessionState.AUTH;
            reply(ctx, SmtpAuthReplies.challenge(success.finalData()));
        } else if (next instanceof SaslStep.Success success) {
            authUser = success.user();
            saslMethod = sasl.mechanism();
            LOG.info("{}: SASL {} authentication succeeded: sasl_username={}", client, saslMethod, authUser.login());
            endAuth();
            command(ctx, "auth", SmtpAuthReplies.SUCCESS);
        } else if (next instanceof SaslStep.Failure failure) {
            LOG.info("{}: SASL {} authentication failed: {}{}", client, sasl.mechanism(), failure.reason(),
                    failure.username() == null ? "" : ", sasl_username=" + printable(failure.username()));
            endAuth();
            replyLater(ctx, SmtpAuthReplies.failed(failure.reason()), auth.authenticator().recordFailure(clientAddress));
        }
    }

    private void endAuth() {
        sasl = null;
        pendingSuccess = null;
        state = SmtpSessionState.READY;
    }

    /**
     * Answers an AUTH after {@code delay}: reading stops meanwhile, and the reply comes from
     * a task scheduled on this channel's executor, which stays free for other sessions.
     */
    private void replyLater(ChannelHandlerContext ctx, SmtpReply reply, Duration delay) {
        holdReading();
        ctx.executor().schedule(() -> answerHeld(ctx, "auth", () -> reply), delay.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Reads nothing more until the command at hand is answered ({@link #answerHeld}, {@link #write}). */
    private void holdReading() {
        decoder.pause();
    }

    private void readOnUnlessClosing() {
        if (state != SmtpSessionState.CLOSING) {
            decoder.resume();
        }
    }

    /** Answers a command whose reply was held back, on the event loop, then reads on. */
    private void answerHeld(ChannelHandlerContext ctx, String verb, Supplier<SmtpReply> reply) {
        if (!ctx.channel().isActive() || state == SmtpSessionState.CLOSING) {
            return;
        }
        command(ctx, verb, reply.get());
        readOnUnlessClosing();
    }

    /**
     * RFC 3207 4: the TLS handler goes in front before the 220 is written (Netty queues
     * both on the event loop in this order, and a start-TLS handler lets that first write
     * pass in plain text), and the decoder drops whatever the client sent after the command.
     */
    private SmtpReply startTls(ChannelHandlerContext ctx, String argument) {
        if (tls.mode() == ListenerTls.Mode.NONE) {
            return NOT_IMPLEMENTED;
        }
        if (!offersStartTls()) {
            return TLS_ACTIVE;
        }
        if (!argument.isEmpty()) {
            return syntax("STARTTLS");
        }
        if (transaction != null) {
            return MAIL_IN_PROGRESS;
        }
        tlsStarting = true;
        decoder.discardPlaintext();
        ctx.pipeline().addFirst(SmtpHandlerNames.TLS, tls.newHandler(ctx.alloc(), true));
        return READY_FOR_TLS;
    }

    private void mail(ChannelHandlerContext ctx, String argument) {
        PathArgument path;
        boolean smtpUtf8;
        try {
            path = mailPath(argument);
            smtpUtf8 = checkMailParameters(path.params());
        } catch (SmtpRejectException e) {
            command(ctx, "mail", e.reply());
            return;
        }
        if (path.isInternational() && !smtpUtf8) {
            command(ctx, "mail", NEED_SMTPUTF8);
            return;
        }
        if (mailHookExecutor == null) {
            command(ctx, "mail", startTransaction(path.address(), smtpUtf8, runMailHooks(path.address())));
            return;
        }
        // a hook asks DNS: the loop goes on with other sessions, this one reads nothing meanwhile
        holdReading();
        CompletableFuture<SmtpReply> hooks;
        try {
            hooks = CompletableFuture.supplyAsync(() -> runMailHooks(path.address()), mailHookExecutor);
        } catch (RejectedExecutionException e) {
            hooks = CompletableFuture.failedFuture(e);
        }
        hooks.whenComplete((refusal, failure) -> ctx.executor().execute(() -> answerHeld(ctx, "mail", () -> {
            if (failure != null) {
                LOG.warn("MAIL from {}: check of <{}> failed: {}", client, printable(path.address()), failure.toString());
                return temporaryLookupFailure(path.address());
            }
            return startTransaction(path.address(), smtpUtf8, refusal);
        })));
    }

    private static SmtpReply temporaryLookupFailure(String address) {
        return new SmtpReply(451, "4.3.0", "<" + address + ">: Temporary lookup failure");
    }

    /** The sender of a MAIL command that may start a transaction now. */
    private PathArgument mailPath(String argument) {
        if (state == SmtpSessionState.CONNECTED) {
            throw new SmtpRejectException(SEND_HELO_FIRST);
        }
        if (transaction != null) {
            throw new SmtpRejectException(NESTED_MAIL);
        }
        return PathArgument.parse(argument, "FROM", MAIL_SYNTAX, BAD_SENDER);
    }

    /** The reply to MAIL once its hooks have spoken; {@code refusal} is the first hook's refusal. */
    private SmtpReply startTransaction(String mailFrom, boolean smtpUtf8, SmtpReply refusal) {
        if (refusal != null) {
            return refusal;
        }
        transaction = new MailTransaction(queueIds.next(), mailFrom, smtpUtf8);
        state = SmtpSessionState.MAIL;
        if (authUser != null) {
            LOG.info("{}: client={}, sasl_method={}, sasl_username={}", transaction.queueId, client, saslMethod,
                    authUser.login());
        } else {
            LOG.info("{}: client={}", transaction.queueId, client);
        }
        return SENDER_OK;
    }

    /** Checks the MAIL parameters (RFC 1870, 6152, 6531); returns whether SMTPUTF8 was given. */
    private boolean checkMailParameters(Map<String, String> params) {
        boolean smtpUtf8 = false;
        for (Map.Entry<String, String> param : params.entrySet()) {
            String value = param.getValue();
            switch (esmtp ? param.getKey() : "") {
                case "SIZE" -> {
                    if (value == null || !value.matches("\\d{1,20}")) {
                        throw new SmtpRejectException(BAD_SIZE);
                    }
                    if (value.length() > 18 || Long.parseLong(value) > settings.messageSizeLimit()) {
                        throw new SmtpRejectException(SmtpReply.MESSAGE_TOO_BIG);
                    }
                }
                case "BODY" -> {
                    if (value == null || !(value.equalsIgnoreCase("7BIT") || value.equalsIgnoreCase("8BITMIME"))) {
                        throw new SmtpRejectException(BAD_BODY);
                    }
                }
                case "SMTPUTF8" -> {
                    if (value != null) {
                        throw new SmtpRejectException(unsupported(param.getKey()));
                    }
                    smtpUtf8 = true;
                }
                default -> throw new SmtpRejectException(unsupported(param.getKey()));
            }
        }
        return smtpUtf8;
    }

    /** The first refusal of the MAIL hooks, or {@code null}. */
    private SmtpReply runMailHooks(String mailFrom) {
        MailRequest request = new MailRequest(settings.listener(), clientAddress, mailFrom, tlsInfo, authUser);
        for (MailHook hook : mailHooks) {
            HookResult result;
            try {
                result = hook.onMail(request);
            } catch (RuntimeException e) {
                LOG.warn("MAIL from {}: check of <{}> failed: {}", client, printable(mailFrom), e.toString());
                result = HookResult.denySoft(temporaryLookupFailure(mailFrom));
            }
            if (result.isRefusal()) {
                LOG.info("NOQUEUE: reject: MAIL from {}: {}; from=<{}> proto={} helo=<{}>", client, result.reply(),
                        printable(mailFrom), esmtp ? "ESMTP" : "SMTP", printable(helo));
                return result.reply();
            }
            if (result.verdict() == HookResult.Verdict.OK) {
                break;
            }
        }
        return null;
    }

    private SmtpReply rcpt(String argument) {
        if (transaction == null) {
            return NEED_MAIL;
        }
        if (state == SmtpSessionState.BDAT) {
            return BDAT_IN_PROGRESS;
        }
        PathArgument path;
        try {
            path = PathArgument.parse(argument, "TO", RCPT_SYNTAX, BAD_RECIPIENT);
        } catch (SmtpRejectException e) {
            return e.reply();
        }
        if (path.address().isEmpty()) {
            return BAD_RECIPIENT;
        }
        if (!path.params().isEmpty()) {
            return unsupported(path.params().keySet().iterator().next());
        }
        if (path.isInternational() && !transaction.smtpUtf8) {
            return NEED_SMTPUTF8;
        }
        RcptRequest request = new RcptRequest(clientAddress, transaction.mailFrom, path.address(),
                transaction.recipients.size(), resolver, authUser);
        for (RcptHook hook : rcptHooks) {
            HookResult result;
            try {
                result = hook.onRcpt(request);
            } catch (RuntimeException e) {
                LOG.warn("{}: RCPT from {}: lookup of <{}> failed: {}", transaction.queueId, client,
                        printable(path.address()), e.toString());
                result = HookResult.denySoft(temporaryLookupFailure(path.address()));
            }
            if (result.isRefusal()) {
                LOG.info("NOQUEUE: reject: RCPT from {}: {}; from=<{}> to=<{}> proto={} helo=<{}>", client,
                        result.reply(), printable(transaction.mailFrom), printable(path.address()),
                        esmtp ? "ESMTP" : "SMTP", printable(helo));
                return result.reply();
            }
            if (result.verdict() == HookResult.Verdict.OK) {
                break;
            }
        }
        transaction.recipients.add(path.address());
        state = SmtpSessionState.RCPT;
        return RECIPIENT_OK;
    }

    private SmtpReply data(String argument) {
        SmtpReply refusal = checkReadyForContent();
        if (refusal != null) {
            return refusal;
        }
        if (!argument.isEmpty()) {
            return syntax("DATA");
        }
        if (transaction.usesChunks()) {
            return BDAT_IN_PROGRESS;
        }
        decoder.startData(settings.messageSizeLimit(), receivedField());
        state = SmtpSessionState.DATA;
        return START_DATA;
    }

    private SmtpReply bdat(ChannelHandlerContext ctx, String argument) {
        String[] words = argument.split(" +");
        boolean last = words.length == 2 && words[1].equalsIgnoreCase("LAST");
        if (argument.isEmpty() || words.length > 2 || (words.length == 2 && !last) || !words[0].matches("\\d{1,18}")) {
            return syntax("BDAT size [LAST]");
        }
        long size = Long.parseLong(words[0]);
        SmtpReply refusal = checkReadyForContent();
        if (refusal != null) {
            // RFC 3030 2: the chunk is read and dropped even when the command is refused
            if (size > 0) {
                discardingChunk = true;
                decoder.startChunk(size, false);
            }
            return refusal;
        }
        if (!transaction.usesChunks()) {
            transaction.startChunks(receivedField());
        }
        boolean keep = transaction.acceptsChunk(size, settings.messageSizeLimit());
        transaction.lastChunkPending = last;
        state = SmtpSessionState.BDAT;
        stats.count("bdat", true);
        if (size == 0) {
            onChunk(ctx, new SmtpFrame.Chunk(new byte[0], 0));
        } else {
            decoder.startChunk(size, keep);
        }
        return null;
    }

    /** Why DATA/BDAT may not start now, or {@code null}. */
    private SmtpReply checkReadyForContent() {
        if (transaction == null) {
            return NEED_MAIL;
        }
        if (transaction.recipients.isEmpty()) {
            return NEED_RCPT;
        }
        return null;
    }

    private SmtpReply rset(String argument) {
        if (!argument.isEmpty()) {
            return syntax("RSET");
        }
        transaction = null;
        state = helo == null ? SmtpSessionState.CONNECTED : SmtpSessionState.READY;
        return SmtpReply.OK;
    }

    private void onMessageData(ChannelHandlerContext ctx, SmtpFrame.MessageData data) {
        if (data.bareNewline() != null) {
            refuseContent(ctx, "DATA", new SmtpReply(550, "5.5.2", "Error: bare " + data.bareNewline() + " received"));
        } else if (data.oversize()) {
            refuseContent(ctx, "DATA", SmtpReply.MESSAGE_TOO_BIG);
        } else {
            queue(ctx, data.content(), data.size());
        }
    }

    private void onChunk(ChannelHandlerContext ctx, SmtpFrame.Chunk chunk) {
        if (discardingChunk) {
            discardingChunk = false;
            return;
        }
        transaction.addChunk(chunk.content(), chunk.size());
        if (!transaction.lastChunkPending) {
            reply(ctx, new SmtpReply(250, "2.0.0", "Ok: " + chunk.size() + " octets received"));
        } else if (transaction.oversize()) {
            refuseContent(ctx, "BDAT", SmtpReply.MESSAGE_TOO_BIG);
        } else {
            queue(ctx, transaction.chunkContent(), transaction.chunkBytes());
        }
    }

    private void refuseContent(ChannelHandlerContext ctx, String stage, SmtpReply reply) {
        LOG.info("{}: reject: {} from {}: {}; from=<{}> nrcpt={}", transaction.queueId, stage, client, reply,
                printable(transaction.mailFrom), transaction.recipients.size());
        transaction = null;
        state = SmtpSessionState.READY;
        reply(ctx, reply);
    }

    /**
     * The Received field that starts the message, made when its content starts (as Postfix
     * writes it at DATA), so that the content is read into the buffer that holds the whole.
     */
    private byte[] receivedField() {
        // RFC 3848 and 6531: an S for TLS, an A for AUTH
        String protocol = (transaction.smtpUtf8 ? "UTF8SMTP" : esmtp ? "ESMTP" : "SMTP") + (tlsInfo != null ? "S" : "")
                + (authUser != null ? "A" : "");
        String singleRecipient = transaction.recipients.size() == 1 ? transaction.recipients.get(0) : null;
        return ReceivedHeader.format(helo, clientAddress, settings.hostname(), protocol, tlsInfo,
                transaction.queueId, singleRecipient, ZonedDateTime.now(clock)).getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Hands the message (Received field and content) to the next handler (Camel) and stops
     * reading until its outcome is written back; {@code size} is the content's.
     */
    private void queue(ChannelHandlerContext ctx, byte[] message, long size) {
        LOG.info("{}: from=<{}>, size={}, nrcpt={} (queue active)", transaction.queueId,
                printable(transaction.mailFrom), size, transaction.recipients.size());
        state = SmtpSessionState.QUEUEING;
        holdReading();
        ctx.fireChannelRead(new AcceptedMessage(transaction.queueId, settings.listener(), transaction.mailFrom,
                new ArrayList<>(transaction.recipients),
                clientAddress == null ? "" : clientAddress.getHostAddress(), helo, clock.millis(),
                message, authUser == null ? null : authUser.login()));
    }

    private void reply(ChannelHandlerContext ctx, SmtpReply reply) {
        reply(ctx, reply, ctx.newPromise());
    }

    /** Sends {@code reply}; counts errors and ends the session with 421 when there are too many. */
    private void reply(ChannelHandlerContext ctx, SmtpReply reply, ChannelPromise promise) {
        ctx.writeAndFlush(reply, promise);
        if (reply.code() >= 400 && ++errors >= settings.maxErrors()) {
            LOG.info("too many errors from {}", client);
            state = SmtpSessionState.CLOSING;
            decoder.pause();
            ctx.writeAndFlush(new SmtpReply(421, "4.7.0", settings.hostname() + " Error: too many errors"))
                    .addListener(ChannelFutureListener.CLOSE);
        }
    }

    private static SmtpReply syntax(String usage) {
        return new SmtpReply(501, "5.5.4", "Syntax: " + usage);
    }

    private static SmtpReply unsupported(String option) {
        return new SmtpReply(555, "5.5.4", "Unsupported option: " + printable(option));
    }
}
