package org.yubin.imap;

import io.netty.channel.Channel;
import io.netty.channel.ChannelPipeline;
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
 * connection count); {@link #createPipelineFactory} binds it to a consumer.
 *
 * <p>Per connection there is no thread. A session runs on its connection's event loop,
 * one of IMAP's own ({@code imapEventLoops}, the routes' {@code workerGroup}), so a
 * command costs no hand-over between threads: with a session thread apart from the
 * event loop, the two took turns on every command and left a downloading client less
 * CPU (docs/mail-access.md). Store and directory calls block that loop, which is why
 * IMAP has loops of its own, as many as the session threads it replaces: they hold
 * up only IMAP sessions, never SMTP, POP3 or the queue.
 */
public class ImapServerInitializer extends ServerInitializerFactory {

    private final ImapSettings settings;
    private final ImapServices services;
    private final ImapCommands commands;
    private final ConnectionCounter<String> connections;

    public ImapServerInitializer(ImapSettings settings, ImapServices services) {
        this.settings = settings;
        this.services = services;
        this.commands = ImapCommands.standard();
        this.connections = new ConnectionCounter<>();
    }

    private ImapServerInitializer(ImapServerInitializer template) {
        this.settings = template.settings;
        this.services = template.services;
        this.commands = template.commands;
        this.connections = template.connections;
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
        configure(channel.pipeline());
    }

    /** Adds the IMAP handlers to {@code pipeline}; they all run on the channel's event loop. */
    public void configure(ChannelPipeline pipeline) {
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
        // 4. bytes to commands, and 5. the session: it switches the decoder (raw lines, TLS,
        //    pauses) between frames
        ImapSessionHandler session = new ImapSessionHandler(settings, services, commands);
        pipeline.addLast(ImapHandlerNames.FRAME_DECODER, session.newDecoder());
        pipeline.addLast(ImapHandlerNames.SESSION, session);
    }
}
