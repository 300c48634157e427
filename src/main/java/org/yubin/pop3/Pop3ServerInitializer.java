package org.yubin.pop3;

import java.util.concurrent.TimeUnit;

import io.netty.channel.Channel;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.stream.ChunkedWriteHandler;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.concurrent.DefaultEventExecutorGroup;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.EventExecutorGroup;
import org.apache.camel.component.netty.NettyConsumer;
import org.apache.camel.component.netty.ServerInitializerFactory;
import org.yubin.auth.Authenticator;
import org.yubin.delivery.store.MailStore;
import org.yubin.listener.ConnectionCounter;
import org.yubin.listener.ConnectionLimitHandler;
import org.yubin.pop3.codec.Pop3LineDecoder;
import org.yubin.pop3.codec.Pop3Reply;
import org.yubin.pop3.codec.Pop3ReplyEncoder;
import org.yubin.tls.ListenerTls;

/**
 * Builds the POP3 pipeline of one listener for a camel-netty consumer, used as
 * {@code netty:tcp://host:port?serverInitializerFactory=#pop3ServerInitializer&sync=false}.
 * The session answers every command itself, so nothing reaches the Camel route; the route
 * only owns the listening socket (start, stop, listing). The bean is a template owning what
 * the listener's connections share (the worker threads, the maildrop locks); closing it
 * stops the workers.
 */
public class Pop3ServerInitializer extends ServerInitializerFactory implements AutoCloseable {

    private final Pop3Settings settings;
    private final ListenerTls tls;
    private final Authenticator authenticator;
    private final MailStore mailStore;
    private final MaildropLocks locks;
    private final ConnectionCounter<String> connections;
    private final EventExecutorGroup sessionExecutors;
    private final boolean template;

    public Pop3ServerInitializer(Pop3Settings settings, ListenerTls tls, Authenticator authenticator,
                                 MailStore mailStore, MaildropLocks locks) {
        this.settings = settings;
        this.tls = tls;
        this.authenticator = authenticator;
        this.mailStore = mailStore;
        this.locks = locks;
        this.connections = new ConnectionCounter<>();
        this.sessionExecutors = new DefaultEventExecutorGroup(settings.workerThreads(),
                new DefaultThreadFactory("pop3-" + settings.listener(), true));
        this.template = true;
    }

    private Pop3ServerInitializer(Pop3ServerInitializer template) {
        this.settings = template.settings;
        this.tls = template.tls;
        this.authenticator = template.authenticator;
        this.mailStore = template.mailStore;
        this.locks = template.locks;
        this.connections = template.connections;
        this.sessionExecutors = template.sessionExecutors;
        this.template = false;
    }

    public Pop3Settings settings() {
        return settings;
    }

    @Override
    public ServerInitializerFactory createPipelineFactory(NettyConsumer consumer) {
        if (consumer.getConfiguration().isSync() || consumer.getConfiguration().isTextline()) {
            throw new IllegalArgumentException("POP3 listener " + settings.listener()
                    + " needs a netty endpoint with sync=false and textline=false: " + consumer.getEndpoint());
        }
        return new Pop3ServerInitializer(this);
    }

    @Override
    protected void initChannel(Channel channel) {
        configure(channel.pipeline(), sessionExecutors);
    }

    /** Adds the POP3 handlers to {@code pipeline}; a {@code null} group means the channel's event loop (tests). */
    public void configure(ChannelPipeline pipeline, EventExecutorGroup sessionGroup) {
        // 0. implicit TLS from the first byte (STLS inserts its handler here later, see Pop3Session)
        if (tls.mode() == ListenerTls.Mode.IMPLICIT) {
            pipeline.addLast(Pop3HandlerNames.TLS, tls.newHandler(pipeline.channel().alloc(), false));
        }
        // 1. refuse connections past the listener's limit before a session exists
        pipeline.addLast(Pop3HandlerNames.CONNECTION_LIMIT, ConnectionLimitHandler.perListener(connections,
                settings.listener(), settings.maxConnections(),
                Pop3Reply.err(Pop3Reply.SYS_TEMP, "Too many connections, try later").statusLine() + "\r\n",
                settings.listener() + ": refused connection from {}: too many connections"));
        // 2. end sessions where neither side moved for the idle timeout; a download in progress counts
        //    as movement (observeOutput), so a slow RETR is not cut
        pipeline.addLast(Pop3HandlerNames.IDLE_TIMEOUT, new IdleStateHandler(true, 0, 0,
                settings.idleTimeout().toMillis(), TimeUnit.MILLISECONDS));
        // 3. replies to bytes
        pipeline.addLast(Pop3HandlerNames.REPLY_ENCODER, Pop3ReplyEncoder.INSTANCE);
        // 4. message content in chunks as the socket drains, read from disk on the worker
        pipeline.addLast(sessionGroup, Pop3HandlerNames.CONTENT_WRITER, new ChunkedWriteHandler());
        // 5. bytes to lines, and 6. the session, on the same worker: the directory and the
        //    Maildir block, and the session pauses the decoder or switches it to discarding
        pipeline.addLast(sessionGroup, Pop3HandlerNames.LINE_DECODER, new Pop3LineDecoder(settings.maxLineLength()));
        pipeline.addLast(sessionGroup, Pop3HandlerNames.SESSION,
                new Pop3SessionHandler(settings, tls, authenticator, mailStore, locks));
    }

    @Override
    public void close() {
        if (template) {
            sessionExecutors.shutdownGracefully();
        }
    }
}
