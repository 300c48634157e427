import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.jms.BytesMessage;
import jakarta.jms.Connection;
import jakarta.jms.DeliveryMode;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;

import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.yubin.config.YubinProperties;
import org.yubin.queue.EmbeddedQueueBroker;

/**
 * What the queue alone costs per message: yubin's embedded broker (same journal
 * settings) with the JMS calls a queued local message made, a transacted send and
 * commit by each of 10 producers, a transacted receive and commit by each of 32
 * consumers. Prints messages/s and the process's CPU per message.
 *
 * Usage (ops/bench/component-floors.sh runs it): java -cp <yubin's classes and jars>
 *   QueueFloor.java <warm-up> <messages> [size]; the journal stays in java.io.tmpdir,
 *   which the script removes.
 */
public class QueueFloor {
    private static final int PRODUCERS = 10;
    private static final int CONSUMERS = 32;
    private static final String QUEUE = "yubin.delivery";

    public static void main(String[] args) throws Exception {
        int warmUp = Integer.parseInt(args[0]);
        int messages = Integer.parseInt(args[1]);
        byte[] body = new byte[args.length > 2 ? Integer.parseInt(args[2]) : 4096];
        Arrays.fill(body, (byte) 'x');
        YubinProperties properties = new YubinProperties();
        properties.setDataDir(Files.createTempDirectory("queue-floor"));
        EmbeddedQueueBroker broker = new EmbeddedQueueBroker(properties);
        broker.start();
        ActiveMQConnectionFactory factory = new ActiveMQConnectionFactory(broker.url());
        factory.setCacheDestinations(true);
        factory.setProducerWindowSize(1024 * 1024);
        try (Connection connection = factory.createConnection()) {
            connection.start();
            run(connection, body, warmUp);
            var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
            long cpu = os.getProcessCpuTime();
            long start = System.nanoTime();
            run(connection, body, messages);
            double seconds = (System.nanoTime() - start) / 1e9;
            System.out.printf("queue floor: %d x %d bytes, %.0f msg/s, %.3f ms CPU per message%n", messages,
                    body.length, messages / seconds, (os.getProcessCpuTime() - cpu) / 1e6 / messages);
        } finally {
            broker.stop();
        }
    }

    private static void run(Connection connection, byte[] body, int messages) throws Exception {
        CountDownLatch received = new CountDownLatch(messages);
        AtomicInteger toSend = new AtomicInteger(messages);
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < CONSUMERS; i++) {
            threads.add(new Thread(() -> consume(connection, received)));
        }
        for (int i = 0; i < PRODUCERS; i++) {
            threads.add(new Thread(() -> produce(connection, body, toSend)));
        }
        threads.forEach(Thread::start);
        for (Thread thread : threads) {
            thread.join();
        }
    }

    private static void consume(Connection connection, CountDownLatch received) {
        try (Session session = connection.createSession(true, Session.SESSION_TRANSACTED)) {
            MessageConsumer consumer = session.createConsumer(session.createQueue(QUEUE));
            while (received.getCount() > 0) {
                if (consumer.receive(200) != null) {
                    session.commit();
                    received.countDown();
                }
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void produce(Connection connection, byte[] body, AtomicInteger toSend) {
        try (Session session = connection.createSession(true, Session.SESSION_TRANSACTED)) {
            MessageProducer producer = session.createProducer(session.createQueue(QUEUE));
            producer.setDeliveryMode(DeliveryMode.PERSISTENT);
            while (toSend.getAndDecrement() > 0) {
                BytesMessage message = session.createBytesMessage();
                message.writeBytes(body);
                // about as many envelope properties as a queue entry carries
                for (int k = 0; k < 10; k++) {
                    message.setStringProperty("YubinHeader" + k, "value-" + k + "@example.com");
                }
                producer.send(message);
                session.commit();
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
