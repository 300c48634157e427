package org.yubin.imap;

import io.netty.channel.Channel;
import io.netty.channel.ChannelPipeline;
import io.netty.util.concurrent.DefaultEventExecutorGroup;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.EventExecutorGroup;
import org.apache.camel.component.netty.NettyConsumer;
import org.apache.camel.component.netty.ServerInitializerFactory;
import org.yubin.imap.command.ImapCommands;
import org.yubin.listener.ConnectionCounter;
import org.yubin.listener.ConnectionLimitHandler;
import org.yubin.listener.IdleTimeoutHandler;

/**
 * Builds the IMAP pipeline of one listener for a camel-netty consumer, used as
 * {@code netty:tcp://host:port?serverInitializerFactory=#imapServerInitializer&sync=false}.
 * The pipeline answers every command itself; no exchange ever reaches the route, which
 * exists so that operators see, start and stop the listener with Camel's tools.
 * The Spring bean is a template owning what the listener's connections share (the
 * connection count, the session threads); {@link #createPipelineFactory} binds it to a
 * consumer. Closing the template stops the session threads.
 *
 * <p>Per connection there is no thread: sessions run on a small
 * {@link DefaultEventExecutorGroup} because store and directory calls block.
 */
public class ImapServerInitializer extends ServerInitializerFactory implements AutoCloseable {

    private final ImapSettings settings;
    private final ImapServices services;
    private final ImapCommands commands;
    private final ConnectionCounter<String> connections;
    private final EventExecutorGroup sessionExecutors;
    private final boolean template;

    public ImapServerInitializer(ImapSettings settings, ImapServices services) {
        this.settings = settings;
        this.services = services;
        this.commands = ImapCommands.standard();
        this.connections = new ConnectionCounter<>();
        this.sessionExecutors = new DefaultEventExecutorGroup(settings.workerThreads(),
                new DefaultThreadFactory(settings.listener(), true));
        this.template = true;
    }

    private ImapServerInitializer(ImapServerInitializer template) {
        this.settings = template.settings;
        this.services = template.services;
        this.commands = template.commands;
        this.connections = template.connections;
        this.sessionExecutors = template.sessionExecutors;
        this.template = false;
    }

    public ImapSettings settings() {
        return settings;
    }

    @Override
    public ServerInitializerFactory createPipelineFactory(NettyConsumer consumer) {
        if (consumer.getConfiguration().isSync() || consumer.getConfiguration().isTextline()) {
            throw new IllegalArgumentException("IMAP listener " + settings.listener()
                    + " needs a netty endpoint with sync=false and textline=false: " + consumer.getEndpoint());
        }
        return new ImapServerInitializer(this);
    }

    @Override
    protected void initChannel(Channel channel) {
        configure(channel.pipeline(), sessionExecutors);
    }

    /** Adds the IMAP handlers to {@code pipeline}; a {@code null} group means the event loop (tests). */
    public void configure(ChannelPipeline pipeline, EventExecutorGroup sessionGroup) {
        // 0. implicit TLS from the first byte (STARTTLS inserts its handler here later)
        if (settings.implicitTls()) {
            pipeline.addLast(ImapHandlerNames.TLS, settings.tls().newHandler(pipeline.channel().alloc(), false));
        }
        // 1. refuse connections past the listener's limit before a session exists
        pipeline.addLast(ImapHandlerNames.CONNECTION_LIMIT, ConnectionLimitHandler.perListener(connections,
                settings.listener(), settings.maxConnections(), "* BYE Too many connections, try later\r\n",
                "imap: refused connection from {}: too many connections"));
        // 2. autologout after the idle timeout, in IDLE too
        pipeline.addLast(ImapHandlerNames.IDLE_TIMEOUT, new IdleTimeoutHandler(settings.idleTimeout().toMillis(),
                "* BYE Autologout; idle for too long\r\n", "imap: autologout of {}: idle for too long"));
        // 3. response text and prepared bytes to buffers
        pipeline.addLast(ImapHandlerNames.RESPONSE_ENCODER, ImapResponseEncoder.INSTANCE);
        // 4. bytes to commands, and 5. the session, on the same session thread: the session
        //    switches the decoder (raw lines, TLS, pauses) between frames, and its calls block
        ImapSessionHandler session = new ImapSessionHandler(settings, services, commands);
        pipeline.addLast(sessionGroup, ImapHandlerNames.FRAME_DECODER, session.newDecoder());
        pipeline.addLast(sessionGroup, ImapHandlerNames.SESSION, session);
    }

    @Override
    public void close() {
        if (template) {
            sessionExecutors.shutdownGracefully();
        }
    }
}
