package org.yubin.smtp;

import java.net.InetAddress;
import java.time.Clock;
import java.util.List;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelPipeline;
import io.netty.util.concurrent.EventExecutorGroup;
import org.apache.camel.component.netty.NettyConsumer;
import org.apache.camel.component.netty.ServerInitializerFactory;
import org.yubin.directory.RecipientResolver;
import org.yubin.listener.ConnectionCounter;
import org.yubin.listener.ConnectionLimitHandler;
import org.yubin.listener.IdleTimeoutHandler;
import org.yubin.smtp.codec.SmtpFrameDecoder;
import org.yubin.smtp.codec.SmtpReplyEncoder;
import org.yubin.smtp.hook.RcptHook;
import org.yubin.smtp.hook.SmtpPolicy;
import org.yubin.tls.ListenerTls;

/**
 * Builds the SMTP pipeline of one listener for a camel-netty consumer, used as
 * {@code netty:tcp://host:port?serverInitializerFactory=#mxServerInitializer&sync=true}.
 * The Spring bean is a template: it owns what all connections of the listener share (the
 * per-client connection counter, the queue id generator) and {@link #createPipelineFactory}
 * gives each consumer an initializer bound to it. {@code sync=true} is required: the
 * route's outcome is the reply to the end of data.
 *
 * <p>Sessions run on the channel's event loop, which is one of SMTP's own
 * ({@code smtpEventLoops}, the routes' {@code workerGroup}): directory look-ups block it
 * and hold up only the SMTP sessions of that loop, never another listener; MAIL checks
 * that ask DNS run on look-up threads ({@link org.yubin.smtp.hook.MailHook#blocks()}).
 * The route itself (filters, the queue) runs on Camel's executor, as
 * {@code usingExecutorService} of the endpoint says.
 * Listeners differ in their name, their
 * {@link ListenerTls TLS mode}, their {@link SmtpAuth AUTH} and their {@link SmtpPolicy policy hooks}.
 */
public class SmtpServerInitializer extends ServerInitializerFactory {

    private final SmtpListenerSettings settings;
    private final RecipientResolver resolver;
    private final ListenerTls tls;
    private final SmtpAuth auth;
    private final SmtpPolicy policy;
    private final ConnectionCounter<InetAddress> connections;
    private final QueueIdGenerator queueIds;
    private final Clock clock;
    private final NettyConsumer consumer;

    /** A plain-text listener with the standard policy ({@link SmtpPolicy#standard}). */
    public SmtpServerInitializer(SmtpListenerSettings settings, RecipientResolver resolver) {
        this(settings, resolver, ListenerTls.NONE, SmtpPolicy.standard(settings), Clock.systemDefaultZone());
    }

    /** A plain-text listener with these RCPT hooks and no MAIL hooks. */
    public SmtpServerInitializer(SmtpListenerSettings settings, RecipientResolver resolver, List<RcptHook> rcptHooks,
                                 Clock clock) {
        this(settings, resolver, ListenerTls.NONE, new SmtpPolicy(List.of(), rcptHooks), clock);
    }

    /** A listener without AUTH. */
    public SmtpServerInitializer(SmtpListenerSettings settings, RecipientResolver resolver, ListenerTls tls,
                                 SmtpPolicy policy, Clock clock) {
        this(settings, resolver, tls, SmtpAuth.NONE, policy, clock);
    }

    public SmtpServerInitializer(SmtpListenerSettings settings, RecipientResolver resolver, ListenerTls tls,
                                 SmtpAuth auth, SmtpPolicy policy, Clock clock) {
        this.settings = settings;
        this.resolver = resolver;
        this.tls = tls;
        this.auth = auth;
        this.policy = policy;
        this.connections = new ConnectionCounter<>();
        this.queueIds = new QueueIdGenerator();
        this.clock = clock;
        this.consumer = null;
    }

    private SmtpServerInitializer(SmtpServerInitializer template, NettyConsumer consumer) {
        this.settings = template.settings;
        this.resolver = template.resolver;
        this.tls = template.tls;
        this.auth = template.auth;
        this.policy = template.policy;
        this.connections = template.connections;
        this.queueIds = template.queueIds;
        this.clock = template.clock;
        this.consumer = consumer;
    }

    /** Recipient limit, relay control, unknown local users: in that order. */
    public static List<RcptHook> standardRcptHooks(SmtpListenerSettings settings) {
        return SmtpPolicy.standard(settings).rcptHooks();
    }

    public SmtpListenerSettings settings() {
        return settings;
    }

    public ListenerTls tls() {
        return tls;
    }

    @Override
    public ServerInitializerFactory createPipelineFactory(NettyConsumer consumer) {
        if (!consumer.getConfiguration().isSync() || consumer.getConfiguration().isTextline()) {
            throw new IllegalArgumentException("SMTP listener " + settings.listener()
                    + " needs a netty endpoint with sync=true and textline=false: " + consumer.getEndpoint());
        }
        return new SmtpServerInitializer(this, consumer);
    }

    @Override
    protected void initChannel(Channel channel) {
        if (consumer == null) {
            throw new IllegalStateException("use createPipelineFactory(consumer): the template has no Camel consumer");
        }
        EventExecutorGroup camelExecutors = consumer.getConfiguration().isUsingExecutorService()
                ? consumer.getEndpoint().getComponent().getExecutorService()
                : null;
        configure(channel.pipeline(), camelExecutors, new SmtpCamelHandler(consumer));
    }

    /**
     * Adds the SMTP handlers to {@code pipeline}, then {@code last}, which receives each
     * {@link AcceptedMessage} and must write back its outcome, on {@code lastGroup}
     * ({@code null}: the channel's event loop, as in tests).
     */
    public void configure(ChannelPipeline pipeline, EventExecutorGroup lastGroup, ChannelHandler last) {
        // 0. implicit TLS from the first byte; everything after it, even a 421, is encrypted
        //    (STARTTLS inserts its handler here later, see SmtpSessionHandler)
        if (tls.mode() == ListenerTls.Mode.IMPLICIT) {
            pipeline.addLast(SmtpHandlerNames.TLS, tls.newHandler(pipeline.channel().alloc(), false));
        }
        // 1. refuse a client past its connection limit before anything else runs for it
        pipeline.addLast(SmtpHandlerNames.CONNECTION_LIMIT, ConnectionLimitHandler.perClient(connections,
                settings.maxConnectionsPerClient(), SmtpReply.TOO_MANY_CONNECTIONS.toWireString(),
                "refused connection from unknown[{}]: too many connections"));
        // 2. end silent sessions, between commands and inside DATA alike
        SmtpReply timeout = new SmtpReply(421, "4.4.2", settings.hostname() + " Error: timeout exceeded");
        pipeline.addLast(SmtpHandlerNames.IDLE_TIMEOUT,
                new IdleTimeoutHandler(settings.idleTimeout().toMillis(), timeout.toWireString(), "timeout from {}"));
        // 3. replies to bytes
        pipeline.addLast(SmtpHandlerNames.REPLY_ENCODER, SmtpReplyEncoder.INSTANCE);
        // 4. bytes to frames, and 5. the session, on the event loop: the session switches the
        //    decoder to DATA/BDAT before it decodes further
        pipeline.addLast(SmtpHandlerNames.FRAME_DECODER, new SmtpFrameDecoder(settings.maxLineLength()));
        pipeline.addLast(SmtpHandlerNames.SESSION,
                new SmtpSessionHandler(settings, resolver, tls, auth, policy, queueIds, clock));
        // 6. accepted messages into the route; its outcome comes back as a write
        pipeline.addLast(lastGroup, SmtpHandlerNames.CAMEL, last);
    }
}
