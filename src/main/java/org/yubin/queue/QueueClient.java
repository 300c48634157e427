package org.yubin.queue;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

import org.apache.activemq.artemis.api.core.ActiveMQException;
import org.apache.activemq.artemis.api.core.ActiveMQNotConnectedException;
import org.apache.activemq.artemis.api.core.ActiveMQQueueExistsException;
import org.apache.activemq.artemis.api.core.RoutingType;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.api.core.client.ActiveMQClient;
import org.apache.activemq.artemis.api.core.client.ClientMessage;
import org.apache.activemq.artemis.api.core.client.ClientProducer;
import org.apache.activemq.artemis.api.core.client.ClientSession;
import org.apache.activemq.artemis.api.core.client.ClientSessionFactory;
import org.apache.activemq.artemis.api.core.client.ServerLocator;
import org.yubin.config.YubinProperties;

/**
 * A core-protocol session on the live queue for the command line, wherever the queue is:
 * <ol>
 * <li>{@code yubin.queue.broker-url} set: that broker, as {@code yubin.queue.user};</li>
 * <li>the server runs: its broker's loopback admin port ({@code admin.properties});</li>
 * <li>the server is down: a broker of our own on the data dir, stopped again on
 *     {@link #close()}. Should the server hold the journal after all (it is starting),
 *     the start fails after {@code lockWait} instead of waiting.</li>
 * </ol>
 * Not thread-safe: one command, one thread.
 */
public final class QueueClient implements AutoCloseable {

    /** Where the session goes. */
    public enum Mode {
        /** The running server's embedded broker. */
        SERVER,
        /** The external broker of {@code yubin.queue.broker-url}. */
        EXTERNAL,
        /** A broker the command line started on the data dir (the server is down). */
        OWN
    }

    private static final long CALL_TIMEOUT_MILLIS = 30_000;

    private final Mode mode;
    private final ServerLocator locator;
    private final ClientSessionFactory factory;
    private final ClientSession session;
    private final EmbeddedQueueBroker ownBroker;

    private QueueClient(Mode mode, ServerLocator locator, ClientSessionFactory factory, ClientSession session,
                        EmbeddedQueueBroker ownBroker) {
        this.mode = mode;
        this.locator = locator;
        this.factory = factory;
        this.session = session;
        this.ownBroker = ownBroker;
    }

    /**
     * Opens the session (auto-commit sends and acknowledgements, started).
     *
     * @throws IOException the queue cannot be reached, with a one-line reason
     */
    public static QueueClient open(YubinProperties properties, Duration lockWait) throws IOException {
        YubinProperties.Queue queue = properties.getQueue();
        if (queue.getBrokerUrl() != null && !queue.getBrokerUrl().isBlank()) {
            return connect(Mode.EXTERNAL, queue.getBrokerUrl(), queue.getUser(), queue.getPassword(), null);
        }
        Path directory = properties.getDataDir().resolve("queue").toAbsolutePath();
        Optional<QueueAdminEndpoint> endpoint = QueueAdminEndpoint.read(QueueAdminEndpoint.file(directory));
        if (endpoint.isPresent()) {
            try {
                return connect(Mode.SERVER, "tcp://127.0.0.1:" + endpoint.get().port(), QueueAdminEndpoint.USER,
                        endpoint.get().secret(), null);
            } catch (ServerDown e) {
                // left behind by a server that was killed: run the broker ourselves
            }
        }
        EmbeddedQueueBroker broker;
        try {
            broker = EmbeddedQueueBroker.forCommandLine(properties, lockWait);
            broker.start();
        } catch (IOException e) {
            throw new IOException(e.getMessage() + " (is the server starting?)", e);
        } catch (Exception e) {
            throw new IOException("cannot open the queue in " + directory + ": " + e.getMessage(), e);
        }
        try {
            return connect(Mode.OWN, broker.url(), null, null, broker);
        } catch (IOException | RuntimeException e) {
            stopQuietly(broker);
            throw e;
        }
    }

    private static QueueClient connect(Mode mode, String url, String user, String password,
                                       EmbeddedQueueBroker ownBroker) throws IOException {
        ServerLocator locator = null;
        try {
            locator = ActiveMQClient.createServerLocator(url)
                    .setCallTimeout(CALL_TIMEOUT_MILLIS)
                    .setReconnectAttempts(0)
                    .setInitialConnectAttempts(1)
                    // browsing and management only: no messages buffered in this client
                    .setConsumerWindowSize(0);
            ClientSessionFactory factory = locator.createSessionFactory();
            ClientSession session = factory.createSession(user, password, false, true, true, false, 0);
            session.start();
            return new QueueClient(mode, locator, factory, session, ownBroker);
        } catch (ActiveMQNotConnectedException e) {
            closeQuietly(locator);
            throw new ServerDown(url);
        } catch (ActiveMQException e) {
            closeQuietly(locator);
            throw new IOException("queue broker " + url + " refused the connection: " + e.getMessage(), e);
        } catch (Exception e) {
            closeQuietly(locator);
            throw new IOException("cannot connect to the queue broker " + url + ": " + e.getMessage(), e);
        }
    }

    public Mode mode() {
        return mode;
    }

    public ClientSession session() {
        return session;
    }

    /**
     * Makes sure a durable anycast (JMS) queue exists, as the routes' endpoints would
     * create it; a route starting at the same moment may create it first, which is fine.
     */
    public void ensureQueue(String name) throws ActiveMQException {
        if (!session.queueQuery(SimpleString.of(name)).isExists()) {
            try {
                session.createQueue(org.apache.activemq.artemis.api.core.QueueConfiguration.of(name)
                        .setRoutingType(RoutingType.ANYCAST).setDurable(true).setAutoCreated(false));
            } catch (ActiveMQQueueExistsException createdMeanwhile) {
                // the queue is there, which is all this asked for
            }
        }
    }

    /** Sends {@code message} to the anycast (JMS queue) address {@code queue}. */
    public void send(String queue, ClientMessage message) throws ActiveMQException {
        ensureQueue(queue);
        message.setRoutingType(RoutingType.ANYCAST);
        try (ClientProducer producer = session.createProducer(queue)) {
            producer.send(message);
        }
    }

    /**
     * Puts one line about an admin action into the running server's log; does nothing
     * when the command line runs the broker itself (there is no server log then).
     */
    public void audit(String action) throws ActiveMQException {
        if (mode != Mode.SERVER) {
            return;
        }
        ClientMessage message = session.createMessage(false);
        message.putStringProperty(QueueAdminAudit.ACTION, action);
        try (ClientProducer producer = session.createProducer(QueueNames.ADMIN_LOG)) {
            producer.send(message);
        }
    }

    @Override
    public void close() {
        try {
            session.close();
        } catch (ActiveMQException e) {
            // closing anyway
        }
        factory.close();
        closeQuietly(locator);
        if (ownBroker != null) {
            stopQuietly(ownBroker);
        }
    }

    private static void closeQuietly(ServerLocator locator) {
        if (locator != null) {
            locator.close();
        }
    }

    private static void stopQuietly(EmbeddedQueueBroker broker) {
        try {
            broker.stop();
        } catch (Exception e) {
            // the journal is consistent whatever happens here; the next start replays it
        }
    }

    /** Nobody listens where admin.properties points: the server is not running. */
    private static final class ServerDown extends IOException {
        ServerDown(String url) {
            super("no queue broker at " + url);
        }
    }
}
