package org.yubin.imap;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.WriteBufferWaterMark;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.yubin.auth.SaslMechanism;
import org.yubin.delivery.MaildirFolderName;
import org.yubin.delivery.store.Mailbox;
import org.yubin.delivery.store.MailboxMessage;
import org.yubin.delivery.store.UserStore;
import org.yubin.directory.MailUser;
import org.yubin.imap.codec.ImapFrameDecoder;
import org.yubin.imap.codec.ImapToken;

/**
 * The state of one IMAP connection and its output, as the commands see it: the
 * {@link ImapSessionState}, the logged-in user and their store, the selected mailbox,
 * enabled extensions, and response writing. Responses are collected and
 * {@link #flush() flushed} once per batch of commands read (and whenever much is pending),
 * so pipelined commands share one gathering write. Used only on the connection's event loop
 * (one of IMAP's own, see {@link ImapServerInitializer}).
 */
public final class ImapSession {

    private static final Logger LOG = LoggerFactory.getLogger(ImapSession.class);

    /** Failed logins a connection may make before it is disconnected (Dovecot allows 3). */
    static final int MAX_LOGIN_FAILURES = 3;

    /** Unflushed response bytes beyond which a flush goes out at once. */
    private static final int FLUSH_THRESHOLD = 64 * 1024;
    /**
     * Output a long FETCH may have queued before it waits ({@link #mustWait}): several
     * flushes, so that a slow reader does not stop the FETCH at every flush (Netty's
     * default high mark is 64 KiB, one flush). Only held while written.
     */
    private static final WriteBufferWaterMark OUTPUT_LIMITS = new WriteBufferWaterMark(256 * 1024, 1024 * 1024);

    private final ChannelHandlerContext ctx;
    private final ImapSettings settings;
    private final ImapServices services;
    private final ImapFrameDecoder decoder;
    private final InetAddress clientAddress;
    private final String client;

    private ImapSessionState state = ImapSessionState.NOT_AUTHENTICATED;
    private boolean tls;
    private boolean condstore;
    private MailUser user;
    private UserStore store;
    private SelectedMailbox selected;
    private Consumer<String> rawLineHandler;
    private Runnable whenWritable;
    private Runnable changeListener;
    /** Responses since the last flush; a long batch's list is dropped after it, so an idle session holds none. */
    private ArrayList<ByteBuf> pending = new ArrayList<>();
    private int unflushed;
    private int loginFailures;
    private long fetched;
    private long expunged;

    ImapSession(ChannelHandlerContext ctx, ImapSettings settings, ImapServices services, ImapFrameDecoder decoder) {
        this.ctx = ctx;
        this.settings = settings;
        this.services = services;
        this.decoder = decoder;
        InetSocketAddress remote = ctx.channel().remoteAddress() instanceof InetSocketAddress address ? address : null;
        this.clientAddress = remote == null ? InetAddress.getLoopbackAddress() : remote.getAddress();
        this.client = remote == null ? "unknown" : clientAddress.getHostAddress();
        this.tls = settings.implicitTls();
        ctx.channel().config().setWriteBufferWaterMark(OUTPUT_LIMITS);
    }

    public ImapSessionState state() {
        return state;
    }

    public void state(ImapSessionState newState) {
        this.state = newState;
    }

    public ImapSettings settings() {
        return settings;
    }

    public ImapServices services() {
        return services;
    }

    public ChannelHandlerContext context() {
        return ctx;
    }

    public ImapFrameDecoder decoder() {
        return decoder;
    }

    public InetAddress clientAddress() {
        return clientAddress;
    }

    /** The client's address as logged. */
    public String client() {
        return client;
    }

    public boolean isTls() {
        return tls;
    }

    void tlsStarted() {
        this.tls = true;
    }

    /** Whether LOGIN and plaintext AUTHENTICATE are refused now (LOGINDISABLED, RFC 3501 6.2.3). */
    public boolean loginDisabled() {
        return settings.loginDisabledBeforeTls() && !tls;
    }

    public boolean condstore() {
        return condstore;
    }

    /** RFC 7162 3.1: CONDSTORE is enabled by ENABLE, SELECT (CONDSTORE) or a command using modseqs. */
    public void enableCondstore() {
        this.condstore = true;
    }

    public MailUser user() {
        return user;
    }

    public UserStore store() {
        return store;
    }

    public SelectedMailbox selected() {
        return selected;
    }

    public void countFetched() {
        fetched++;
    }

    public void countExpunged(int n) {
        expunged += n;
    }

    /** The capabilities for the current state (CAPABILITY, greeting, login OK). */
    public String capabilities() {
        StringBuilder out = new StringBuilder("IMAP4rev1 LITERAL+ SASL-IR ID ENABLE IDLE");
        if (state == ImapSessionState.NOT_AUTHENTICATED) {
            if (settings.offersStartTls() && !tls) {
                out.append(" STARTTLS");
            }
            if (loginDisabled()) {
                out.append(" LOGINDISABLED");
            } else {
                for (SaslMechanism mechanism : services.authenticator().mechanisms()) {
                    out.append(" AUTH=").append(mechanism.saslName());
                }
            }
        } else {
            out.append(" UIDPLUS MOVE NAMESPACE SPECIAL-USE CONDSTORE QUOTA QUOTA=RES-STORAGE CHILDREN UNSELECT");
        }
        return out.toString();
    }

    // ---- logins

    /**
     * Completes a login whose password was right: the per-user session limit, the store,
     * AUTHENTICATED, one log line. Returns the tagged completion text.
     */
    public String loggedIn(MailUser loggedIn, String mechanism) throws ImapCommandException {
        if (!services.userSessions().tryAcquire(loggedIn.login(), settings.maxSessionsPerUser())) {
            LOG.info("imap-login: refused user={} rip={}: too many sessions", loggedIn.login(), client);
            throw ImapCommandException.no("[UNAVAILABLE] Maximum number of connections from user exceeded");
        }
        try {
            this.store = services.mailStore().open(loggedIn);
        } catch (IOException e) {
            services.userSessions().release(loggedIn.login());
            LOG.warn("imap-login: user={} rip={}: cannot open mail store: {}", loggedIn.login(), client, e.toString());
            throw ImapCommandException.no("[UNAVAILABLE] Mail store not available");
        }
        this.user = loggedIn;
        this.state = ImapSessionState.AUTHENTICATED;
        LOG.info("imap-login: Login: user=<{}>, method={}, rip={}, {}", loggedIn.login(), mechanism, client,
                tls ? "TLS" : "plaintext");
        return "OK [CAPABILITY " + capabilities() + "] Logged in";
    }

    /**
     * Answers a failed login after the {@link org.yubin.auth.Authenticator}'s delay: reading
     * stops meanwhile, and the answer comes from a task scheduled on this session's event loop,
     * which stays free for other sessions. The {@value #MAX_LOGIN_FAILURES}th failure also
     * ends the connection.
     */
    public void refuseLater(String tag, String text, Duration delay) {
        pauseReading();
        ctx.executor().schedule(() -> {
            if (!ctx.channel().isActive()) {
                return;
            }
            tagged(tag, "NO " + text);
            if (++loginFailures >= MAX_LOGIN_FAILURES) {
                LOG.info("imap-login: disconnecting rip={}: {} failed logins", client, loginFailures);
                bye("Too many failed logins");
                return;
            }
            flush();
            resumeReading();
        }, delay.toMillis(), TimeUnit.MILLISECONDS);
    }

    public void pauseReading() {
        decoder.pause();
    }

    public void resumeReading() {
        if (state == ImapSessionState.LOGOUT) {
            return;
        }
        decoder.resume();
    }

    // ---- selection

    public void select(SelectedMailbox mailbox) {
        deselect();
        this.selected = mailbox;
        this.state = ImapSessionState.SELECTED;
    }

    /** Closes the selected mailbox, if any, and goes back to AUTHENTICATED. */
    public void deselect() {
        if (selected != null) {
            selected.close();
            selected = null;
        }
        if (state == ImapSessionState.SELECTED) {
            state = ImapSessionState.AUTHENTICATED;
        }
    }

    /**
     * A new view of an opened mailbox that hears of its changes: each change marks it, and
     * a session waiting in IDLE reports it at once ({@link #onMailboxChange}).
     */
    public SelectedMailbox newSelection(Mailbox mailbox, String name, boolean readOnly, List<MailboxMessage> messages,
                                       Collection<Long> recent) {
        SelectedMailbox selection = new SelectedMailbox(mailbox, name, readOnly, messages, new HashSet<>(recent));
        selection.watch(services.mailStore().events().watch(SelectedMailbox.directoryOf(user.maildir(), name), () -> {
            selection.markChanged();
            ctx.executor().execute(() -> {
                Runnable listener = changeListener;
                if (listener != null && selected == selection) {
                    listener.run();
                }
            });
        }));
        return selection;
    }

    /** {@code listener} runs on this session's event loop after each change of the selected mailbox; {@code null} stops it. */
    public void onMailboxChange(Runnable listener) {
        this.changeListener = listener;
    }

    /** A mailbox name argument (astring, modified UTF-7) as the store wants it: Unicode, {@code INBOX} in upper case. */
    public String mailboxName(ImapToken token) throws ImapCommandException {
        String text;
        try {
            text = token.text();
        } catch (IllegalArgumentException e) {
            throw ImapCommandException.bad("Mailbox name expected");
        }
        if (text.indexOf('\0') >= 0 || text.indexOf('\r') >= 0 || text.indexOf('\n') >= 0) {
            throw ImapCommandException.no("[CANNOT] Invalid mailbox name");
        }
        String name;
        try {
            name = MaildirFolderName.decodeModifiedUtf7(text);
        } catch (IllegalArgumentException e) {
            // 8-bit names from clients that do not encode: take them as they are (UTF-8)
            name = text;
        }
        return MaildirFolderName.isInbox(name) ? MaildirFolderName.INBOX : name;
    }

    /** A mailbox name as responses carry it: modified UTF-7, quoted. */
    public static String quotedMailboxName(String name) {
        String encoded = MaildirFolderName.encodeModifiedUtf7(name);
        return "\"" + encoded.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    /** {@code n FETCH (UID u FLAGS (...) [MODSEQ (m)])}, an unsolicited flag update. */
    public String flagsUpdate(int seq, MailboxMessage message, boolean recent) {
        String text = seq + " FETCH (UID " + message.uid() + " FLAGS " + ImapFlags.format(message.flags(), recent);
        return condstore ? text + " MODSEQ (" + message.modSeq() + "))" : text + ")";
    }

    // ---- output

    /** {@code * text}. */
    public void untagged(String text) {
        write(("* " + text + "\r\n").getBytes(StandardCharsets.UTF_8));
    }

    /** {@code tag text}. */
    public void tagged(String tag, String text) {
        write((tag + " " + text + "\r\n").getBytes(StandardCharsets.UTF_8));
    }

    /** {@code + text}. */
    public void continuation(String text) {
        write(("+ " + text + "\r\n").getBytes(StandardCharsets.US_ASCII));
        flush();
    }

    /** Response bytes as prepared; the array is not copied and must not change. */
    public void write(byte[] bytes) {
        write(Unpooled.wrappedBuffer(bytes));
    }

    /** A prepared response (FETCH with literals over message bytes); this session releases it. */
    public void write(ByteBuf response) {
        pending.add(response);
        unflushed += response.readableBytes();
        if (unflushed >= FLUSH_THRESHOLD) {
            flush();
        }
    }

    private ByteBuf[] takePending() {
        ByteBuf[] batch = pending.toArray(new ByteBuf[0]);
        if (pending.size() > 16) {
            pending = new ArrayList<>();
        } else {
            pending.clear();
        }
        unflushed = 0;
        return batch;
    }

    /**
     * Sends what was written since the last flush as one batch: a single hand-over to the
     * event loop and one gathering write, however many responses it holds.
     */
    public void flush() {
        if (pending.isEmpty()) {
            return;
        }
        ctx.writeAndFlush(takePending(), ctx.voidPromise());
    }

    /** Whether the client is reading slower than we write: a long command should wait ({@link #whenWritable}). */
    public boolean mustWait() {
        return !ctx.channel().isWritable();
    }

    /** Runs {@code task} once the output buffer has drained; reading stops until then. */
    public void whenWritable(Runnable task) {
        flush();
        pauseReading();
        this.whenWritable = task;
    }

    void writable() {
        Runnable task = whenWritable;
        if (task != null && ctx.channel().isWritable()) {
            whenWritable = null;
            task.run();
        }
    }

    /** The next client line goes to {@code handler} instead of the command parser (AUTHENTICATE, IDLE). */
    public void onRawLine(Consumer<String> handler) {
        this.rawLineHandler = handler;
        decoder.expectRawLine();
    }

    Consumer<String> takeRawLineHandler() {
        Consumer<String> handler = rawLineHandler;
        rawLineHandler = null;
        return handler;
    }

    /** Sends {@code * BYE text} and closes; nothing more is read. */
    public void bye(String text) {
        state = ImapSessionState.LOGOUT;
        decoder.pause();
        untagged("BYE " + text);
        closeAfterFlush();
    }

    /** Flushes, then closes the connection once the last response is out. */
    public void closeAfterFlush() {
        ctx.writeAndFlush(takePending()).addListener(ChannelFutureListener.CLOSE);
    }

    /** Releases the selected mailbox and the user's session slot; logs the logout once. */
    void closed() {
        deselect();
        if (user != null) {
            services.userSessions().release(user.login());
            LOG.info("imap({}): Disconnected: {} rip={}, fetched={}, deleted={}", user.login(),
                    state == ImapSessionState.LOGOUT ? "Logged out" : "Connection closed", client, fetched, expunged);
            user = null;
        }
    }
}
