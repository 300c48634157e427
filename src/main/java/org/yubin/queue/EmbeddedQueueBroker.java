package org.yubin.queue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.remoting.impl.netty.NettyAcceptor;
import org.apache.activemq.artemis.core.server.JournalType;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.activemq.artemis.core.settings.impl.AddressSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.yubin.config.YubinProperties;

/**
 * The Artemis broker that holds the queue when no external broker is configured.
 * Its journal lives in {@code <data-dir>/queue} and is fsynced before a send
 * returns, so a message the SMTP server has acknowledged survives {@code kill -9}.
 * Clients reach it in-process through {@link #url()}.
 *
 * <p>The server's broker also listens on a loopback port for the command line
 * ({@link QueueAdminEndpoint}, secret in {@code admin.properties}). When the server is
 * down, the command line runs the broker itself ({@link #forCommandLine}); Artemis's
 * journal lock ({@code server.lock}) keeps the two from ever using the journal at once.
 */
public class EmbeddedQueueBroker {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedQueueBroker.class);
    /** In-VM server ids are global to the JVM; tests run several servers in one. */
    private static final AtomicInteger SERVER_IDS = new AtomicInteger();
    private static final String ADMIN_ACCEPTOR = "admin";

    private final EmbeddedActiveMQ server = new EmbeddedActiveMQ();
    private final Path directory;
    private final String url = "vm://" + SERVER_IDS.getAndIncrement();
    /** Null for the command line's broker, which takes no admin connections. */
    private final String adminSecret;

    public EmbeddedQueueBroker(YubinProperties properties) throws Exception {
        this(properties, QueueAdminEndpoint.newSecret(), -1);
    }

    private EmbeddedQueueBroker(YubinProperties properties, String adminSecret, long lockTimeoutMillis)
            throws Exception {
        this.directory = properties.getDataDir().resolve("queue").toAbsolutePath();
        this.adminSecret = adminSecret;
        ConfigurationImpl config = new ConfigurationImpl();
        config.setName("yubin");
        config.setPersistenceEnabled(true);
        config.setJMXManagementEnabled(adminSecret != null);
        // NIO: libaio is not a dependency we want; NIO with datasync is durable.
        config.setJournalType(JournalType.NIO);
        config.setJournalDatasync(true);
        config.setJournalSyncTransactional(true);
        config.setJournalSyncNonTransactional(true);
        config.setJournalBufferTimeout_NIO((int) Math.min(Integer.MAX_VALUE,
                properties.getQueue().getJournalSyncDelay().toNanos()));
        config.setJournalDirectory(directory.resolve("journal").toString());
        config.setBindingsDirectory(directory.resolve("bindings").toString());
        config.setPagingDirectory(directory.resolve("paging").toString());
        config.setLargeMessagesDirectory(directory.resolve("large-messages").toString());
        config.setJournalLockAcquisitionTimeout(lockTimeoutMillis);
        config.addAcceptorConfiguration("in-vm", url);
        config.addAddressSetting("yubin.#", QueueAddressSettings.forQueue(properties.getQueue()));
        config.addAddressSetting(QueueNames.DEAD, new AddressSettings().setAutoCreateQueues(true));
        // audit messages are logged by QueueAdminAudit and then dropped
        config.addAddressSetting(QueueNames.ADMIN_LOG, new AddressSettings().setAutoCreateQueues(false)
                .setAutoCreateAddresses(true));
        if (adminSecret != null) {
            config.setSecurityEnabled(true);
            // port 0: the system picks a free one; admin.properties tells the command line
            config.addAcceptorConfiguration(ADMIN_ACCEPTOR, "tcp://127.0.0.1:0?protocols=CORE");
            config.registerBrokerPlugin(new QueueAdminAudit());
            server.setSecurityManager(new QueueAdminSecurity(adminSecret));
        } else {
            config.setSecurityEnabled(false);
        }
        server.setConfiguration(config);
    }

    /**
     * The broker the command line runs on the data dir while the server is down: in-VM
     * only, no admin port. Its start fails after {@code lockWait} if another process
     * (a server) holds the journal.
     */
    public static EmbeddedQueueBroker forCommandLine(YubinProperties properties, Duration lockWait)
            throws Exception {
        return new EmbeddedQueueBroker(properties, null, Math.max(1, lockWait.toMillis()));
    }

    /** The in-VM address of this broker. */
    public String url() {
        return url;
    }

    public void start() throws Exception {
        Files.createDirectories(directory);
        server.start();
        if (!isActive()) {
            stop();
            throw new IOException("the queue in " + directory + " is in use by another process");
        }
        server.getActiveMQServer().getManagementService()
                .registerInRegistry(QueueListing.RESOURCE, new QueueListing(server.getActiveMQServer()));
        if (adminSecret != null) {
            NettyAcceptor acceptor = (NettyAcceptor) server.getActiveMQServer().getRemotingService()
                    .getAcceptor(ADMIN_ACCEPTOR);
            QueueAdminEndpoint endpoint = new QueueAdminEndpoint(acceptor.getActualPort(), adminSecret);
            endpoint.write(QueueAdminEndpoint.file(directory));
            LOG.info("queue broker started, journal in {}, admin port {}", directory, endpoint);
        }
    }

    public void stop() throws Exception {
        if (adminSecret != null) {
            Files.deleteIfExists(QueueAdminEndpoint.file(directory));
        }
        server.stop();
    }

    public boolean isActive() {
        return server.getActiveMQServer() != null && server.getActiveMQServer().isActive();
    }

    /** Messages waiting on {@code queue} (0 when the queue does not exist yet). */
    public long messageCount(String queue) {
        var binding = server.getActiveMQServer().locateQueue(SimpleString.of(queue));
        return binding == null ? 0 : binding.getMessageCount();
    }
}
