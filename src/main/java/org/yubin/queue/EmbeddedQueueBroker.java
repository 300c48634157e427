package org.yubin.queue;

import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
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
 */
public class EmbeddedQueueBroker {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedQueueBroker.class);
    /** In-VM server ids are global to the JVM; tests run several servers in one. */
    private static final AtomicInteger SERVER_IDS = new AtomicInteger();

    private final EmbeddedActiveMQ server = new EmbeddedActiveMQ();
    private final Path directory;
    private final String url = "vm://" + SERVER_IDS.getAndIncrement();

    public EmbeddedQueueBroker(YubinProperties properties) throws Exception {
        this.directory = properties.getDataDir().resolve("queue").toAbsolutePath();
        ConfigurationImpl config = new ConfigurationImpl();
        config.setName("yubin");
        config.setPersistenceEnabled(true);
        config.setSecurityEnabled(false);
        config.setJMXManagementEnabled(true);
        // NIO: libaio is not a dependency we want; NIO with datasync is durable.
        config.setJournalType(JournalType.NIO);
        config.setJournalDatasync(true);
        config.setJournalSyncTransactional(true);
        config.setJournalSyncNonTransactional(true);
        config.setJournalDirectory(directory.resolve("journal").toString());
        config.setBindingsDirectory(directory.resolve("bindings").toString());
        config.setPagingDirectory(directory.resolve("paging").toString());
        config.setLargeMessagesDirectory(directory.resolve("large-messages").toString());
        config.addAcceptorConfiguration("in-vm", url);
        config.addAddressSetting("yubin.#", QueueAddressSettings.forQueue(properties.getQueue()));
        config.addAddressSetting(QueueNames.DEAD, new AddressSettings().setAutoCreateQueues(true));
        server.setConfiguration(config);
    }

    /** The in-VM address of this broker. */
    public String url() {
        return url;
    }

    public void start() throws Exception {
        server.start();
        LOG.info("queue broker started, journal in {}", directory);
    }

    public void stop() throws Exception {
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
