package org.yubin.pop3;

import static org.yubin.log.LogText.printable;

import java.io.IOException;
import java.net.InetAddress;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.yubin.auth.Authenticator;
import org.yubin.delivery.store.MailStore;
import org.yubin.delivery.store.NoSuchMailboxException;
import org.yubin.directory.MailUser;
import org.yubin.pop3.codec.DotStuffedMessage;
import org.yubin.pop3.codec.Pop3LineDecoder;
import org.yubin.pop3.codec.Pop3Reply;
import org.yubin.tls.ListenerTls;
import org.yubin.tls.TlsSessionInfo;

/**
 * What the commands of one POP3 connection share: the state, the client, the login in
 * progress, the open {@link Pop3Maildrop}, and the ways to answer. Created by
 * {@link Pop3SessionHandler} per channel; every method runs on that handler's executor
 * (a worker, since the directory and the Maildir block), so it needs no locking.
 *
 * <p>A failed login is answered after the {@link Authenticator}'s delay by a task on this
 * executor, with reading paused meanwhile: no thread sleeps. The maildrop lock
 * ({@link MaildropLocks}) is taken at login and released when the connection ends.
 */
public final class Pop3Session {

    private static final Logger LOG = LoggerFactory.getLogger(Pop3Session.class);
    /** Of a user name the client sent, at most this much goes into the log. */
    private static final int MAX_LOGGED = 256;

    static final Pop3Reply TOO_MANY_FAILURES =
            Pop3Reply.err(Pop3Reply.SYS_TEMP, "Too many authentication failures, try again later.");
    static final Pop3Reply AUTH_FAILED = Pop3Reply.err(Pop3Reply.AUTH, "Authentication failed.");
    static final Pop3Reply DIRECTORY_UNAVAILABLE =
            Pop3Reply.err(Pop3Reply.SYS_TEMP, "Temporary authentication failure, try again later.");
    static final Pop3Reply IN_USE =
            Pop3Reply.err(Pop3Reply.IN_USE, "Mailbox is locked by another POP3 session.");
    static final Pop3Reply MAILBOX_ERROR = Pop3Reply.err(Pop3Reply.SYS_TEMP, "Error opening the mailbox.");
    static final Pop3Reply TOO_MANY_ERRORS = Pop3Reply.err("Too many bad commands.");

    /** Takes the lines of a multi-step exchange (SASL) instead of the command dispatcher. */
    public interface Continuation {
        void onLine(Pop3Session session, String line);
    }

    private final ChannelHandlerContext ctx;
    private final Pop3Settings settings;
    private final ListenerTls tls;
    private final Authenticator authenticator;
    private final MailStore mailStore;
    private final MaildropLocks locks;
    private final Pop3LineDecoder decoder;
    private final InetAddress clientAddress;
    private final String apopTimestamp;

    private Pop3SessionState state = Pop3SessionState.AUTHORIZATION;
    private TlsSessionInfo tlsInfo;
    private boolean tlsStarting;
    private String pendingUser;
    private Continuation continuation;
    private MailUser user;
    private Pop3Maildrop maildrop;
    private int errors;
    private boolean closing;
    private String endReason = "Connection closed";

    Pop3Session(ChannelHandlerContext ctx, Pop3Settings settings, ListenerTls tls, Authenticator authenticator,
                MailStore mailStore, MaildropLocks locks, Pop3LineDecoder decoder, InetAddress clientAddress) {
        this.ctx = ctx;
        this.settings = settings;
        this.tls = tls;
        this.authenticator = authenticator;
        this.mailStore = mailStore;
        this.locks = locks;
        this.decoder = decoder;
        this.clientAddress = clientAddress;
        this.apopTimestamp = "<" + ProcessHandle.current().pid() + "." + System.nanoTime() + "@"
                + settings.hostname() + ">";
    }

    public Pop3SessionState state() {
        return state;
    }

    public Pop3Settings settings() {
        return settings;
    }

    public Authenticator authenticator() {
        return authenticator;
    }

    /** The RFC 1939 7 timestamp of this session's greeting, {@code <pid.nanos@hostname>}, for APOP. */
    public String apopTimestamp() {
        return apopTimestamp;
    }

    /** The client's address for logs, {@code unknown} when there is none (tests). */
    public String client() {
        return clientAddress == null ? "unknown" : clientAddress.getHostAddress();
    }

    public InetAddress clientAddress() {
        return clientAddress;
    }

    /** Whether the connection is under TLS (POP3S, or after STLS). */
    public boolean isTls() {
        return tlsInfo != null;
    }

    /** Whether STLS can be offered: an STLS listener still in plain text. */
    public boolean offersStls() {
        return tls.mode() == ListenerTls.Mode.STARTTLS && tlsInfo == null;
    }

    /** Whether a password may cross this connection (USER/PASS, AUTH PLAIN/LOGIN); RFC 2595 2.3. */
    public boolean allowsPlaintextLogin() {
        return tlsInfo != null || !settings.loginDisabledBeforeTls();
    }

    /** The name given with USER, until PASS. */
    public String pendingUser() {
        return pendingUser;
    }

    public void pendingUser(String login) {
        this.pendingUser = login;
    }

    /** The maildrop in TRANSACTION. */
    public Pop3Maildrop maildrop() {
        if (maildrop == null) {
            throw new IllegalStateException("no maildrop in state " + state);
        }
        return maildrop;
    }

    Continuation continuation() {
        return continuation;
    }

    public void continueWith(Continuation next) {
        this.continuation = next;
    }

    public void reply(Pop3Reply reply) {
        if (!closing) {
            ctx.writeAndFlush(reply);
        }
    }

    /** Answers a bad command; the {@code maxErrors}-th one closes the connection. */
    public void error(Pop3Reply reply) {
        if (++errors >= settings.maxErrors()) {
            LOG.info("{}: Disconnected: Too many bad commands: user=<{}>, rip={}", settings.listener(), login(),
                    client());
            endReason = "Too many bad commands";
            close(TOO_MANY_ERRORS);
            return;
        }
        reply(reply);
    }

    /** Writes {@code reply}, then closes the connection. */
    public void close(Pop3Reply reply) {
        if (closing) {
            return;
        }
        closing = true;
        decoder.pause();
        ctx.writeAndFlush(reply).addListener(ChannelFutureListener.CLOSE);
    }

    /** Writes the status line and then the message content as the client takes it (RETR, TOP). */
    public void sendContent(Pop3Reply status, DotStuffedMessage content) {
        ctx.write(status);
        ctx.writeAndFlush(content).addListener((ChannelFutureListener) future -> {
            if (!future.isSuccess()) {
                LOG.info("{}: Disconnected: sending a message failed: user=<{}>, rip={}: {}", settings.listener(),
                        login(), client(), future.cause() == null ? "" : future.cause().toString());
                endReason = "Message transfer failed";
                future.channel().close();
            }
        });
    }

    /** Answers a login attempt after {@code delay}, reading paused meanwhile. */
    public void replyLater(Pop3Reply reply, Duration delay) {
        decoder.pause();
        ctx.executor().schedule(() -> {
            if (closing || !ctx.channel().isActive()) {
                return;
            }
            error(reply);
            if (!closing) {
                decoder.resume();
            }
        }, delay.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * Checks the client's failure limit before a password check: over it, the attempt is
     * refused after a delay and {@code true} returned.
     */
    public boolean refuseIfOverFailureLimit(String method, String login) {
        if (!authenticator.isOverFailureLimit(clientAddress)) {
            return false;
        }
        LOG.info("{}: auth refused: too many authentication failures: user=<{}>, method={}, rip={}",
                settings.listener(), printable(login, MAX_LOGGED), method, client());
        replyLater(TOO_MANY_FAILURES, authenticator.recordFailure(clientAddress));
        return true;
    }

    /** A failed login: logged, counted for the client's address, answered after the delay. */
    public void loginFailed(String method, String login, String reason) {
        LOG.info("{}: auth failed: {}: user=<{}>, method={}, rip={}", settings.listener(), reason,
                printable(login, MAX_LOGGED), method, client());
        pendingUser = null;
        replyLater(AUTH_FAILED, authenticator.recordFailure(clientAddress));
    }

    /** The directory could not be asked: a temporary refusal, no failure counted. */
    public void directoryUnavailable(String method, String login, RuntimeException cause) {
        LOG.warn("{}: auth failed: directory unavailable: user=<{}>, method={}, rip={}: {}", settings.listener(),
                printable(login, MAX_LOGGED), method, client(), cause.getMessage());
        pendingUser = null;
        reply(DIRECTORY_UNAVAILABLE);
    }

    /**
     * The user proved its identity: locks and opens the maildrop and enters TRANSACTION
     * (RFC 1939 4), or answers {@code [IN-USE]} / {@code [SYS/TEMP]} and stays in AUTHORIZATION.
     */
    public void loggedIn(MailUser authenticated, String method) {
        pendingUser = null;
        if (!locks.tryLock(authenticated.maildir())) {
            LOG.info("{}: login refused: maildrop in use: user=<{}>, method={}, rip={}", settings.listener(),
                    authenticated.login(), method, client());
            reply(IN_USE);
            return;
        }
        try {
            maildrop = openInbox(authenticated);
        } catch (IOException | RuntimeException e) {
            locks.unlock(authenticated.maildir());
            LOG.warn("{}: login failed: cannot open INBOX: user=<{}>, rip={}: {}", settings.listener(),
                    authenticated.login(), client(), e.toString());
            reply(MAILBOX_ERROR);
            return;
        }
        user = authenticated;
        state = Pop3SessionState.TRANSACTION;
        LOG.info("{}: Login: user=<{}>, method={}, rip={}, messages={}{}", settings.listener(), user.login(), method,
                client(), maildrop.size(), tlsInfo == null ? "" : ", TLS");
        reply(Pop3Reply.ok("Logged in."));
    }

    private Pop3Maildrop openInbox(MailUser authenticated) throws IOException {
        try {
            return Pop3Maildrop.open(mailStore.open(authenticated).open("INBOX", false));
        } catch (NoSuchMailboxException noMailYet) {
            return Pop3Maildrop.empty();
        }
    }

    /**
     * QUIT: in TRANSACTION the UPDATE state (RFC 1939 6) applies the deletions and
     * {@code \Seen} flags; a failure there is {@code -ERR}. Then the connection closes.
     */
    public void quit() {
        if (state != Pop3SessionState.TRANSACTION) {
            state = Pop3SessionState.UPDATE;
            close(Pop3Reply.ok("Logging out."));
            return;
        }
        state = Pop3SessionState.UPDATE;
        Pop3Reply reply;
        try {
            maildrop.update();
            endReason = "Logged out";
            reply = Pop3Reply.ok("Logging out.");
        } catch (IOException | RuntimeException e) {
            LOG.warn("{}: update failed: user=<{}>, rip={}: {}", settings.listener(), user.login(), client(),
                    e.toString());
            endReason = "Logged out, update failed";
            reply = Pop3Reply.err(Pop3Reply.SYS_TEMP, "Some deleted messages could not be removed.");
        }
        close(reply);
    }

    /**
     * STLS (RFC 2595 4): the TLS handler goes in front before the {@code +OK} is written, and
     * the decoder drops whatever the client sent after the command until the handshake ends.
     */
    public void startTls() {
        tlsStarting = true;
        decoder.discardPlaintext();
        ctx.pipeline().addFirst(Pop3HandlerNames.TLS, tls.newHandler(ctx.alloc(), true));
        reply(Pop3Reply.ok("Begin TLS negotiation now."));
    }

    /** The TLS handshake succeeded; returns whether the greeting is still due (implicit TLS). */
    boolean tlsEstablished(TlsSessionInfo info) {
        tlsInfo = info;
        if (tlsStarting) {
            tlsStarting = false;
            pendingUser = null;
            decoder.endDiscard();
            return false;
        }
        return true;
    }

    void greet() {
        reply(Pop3Reply.ok("yubin ready. " + apopTimestamp));
    }

    void timedOut() {
        endReason = "Disconnected for inactivity";
        close(Pop3Reply.err("Disconnected for inactivity."));
    }

    /** The connection ended: logs the logout, releases the lock and closes the mailbox. */
    void ended() {
        closing = true;
        if (user == null) {
            return;
        }
        LOG.info("{}: Disconnected: {}: user=<{}>, rip={}, {}", settings.listener(), endReason, user.login(),
                client(), maildrop.summary());
        maildrop.close();
        locks.unlock(user.maildir());
        user = null;
    }

    private String login() {
        return user != null ? user.login() : printable(pendingUser, MAX_LOGGED);
    }
}
