package org.yubin.queue;

import jakarta.jms.ConnectionFactory;

import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.apache.camel.spring.spi.SpringTransactionPolicy;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jms.connection.CachingConnectionFactory;
import org.springframework.jms.connection.JmsTransactionManager;
import org.springframework.transaction.PlatformTransactionManager;
import org.yubin.config.YubinProperties;

/**
 * The durable queue: an embedded Artemis broker in the data dir, or the external
 * broker of {@code yubin.queue.broker-url} that several yubin nodes share. The
 * {@code jms:} endpoints of the routes use the connection factory made here.
 */
@Configuration(proxyBeanMethods = false)
public class QueueConfiguration {

    @Bean(initMethod = "start", destroyMethod = "stop")
    @ConditionalOnExpression("'${yubin.queue.broker-url:}'.isEmpty()")
    EmbeddedQueueBroker embeddedQueueBroker(YubinProperties properties) throws Exception {
        return new EmbeddedQueueBroker(properties);
    }

    /**
     * Sessions and producers are cached: the SMTP side sends one persistent message
     * per accepted mail and should not open a connection for each.
     */
    @Bean(destroyMethod = "destroy")
    ConnectionFactory queueConnectionFactory(YubinProperties properties,
                                             ObjectProvider<EmbeddedQueueBroker> embedded) {
        YubinProperties.Queue queue = properties.getQueue();
        // asking for the embedded broker creates and starts it before the first connection
        EmbeddedQueueBroker broker = embedded.getIfAvailable();
        String url = broker != null ? broker.url() : queue.getBrokerUrl();
        ActiveMQConnectionFactory artemis = new ActiveMQConnectionFactory(url, queue.getUser(), queue.getPassword());
        // else every send asks the broker whether the queue exists: a round trip per message
        artemis.setCacheDestinations(true);
        // credit for 1 MiB of messages at a time: with the default 64 KiB a sender of 50 KiB
        // messages asks the broker for credit nearly every send
        artemis.setProducerWindowSize(1024 * 1024);
        // no prefetch: the routes' consumers grow in number with the queue, and a consumer
        // that buffered a burst of entries would deliver them one after the other while the
        // consumers started for them find nothing
        artemis.setConsumerWindowSize(0);
        CachingConnectionFactory caching = new CachingConnectionFactory(artemis);
        caching.setSessionCacheSize(64);
        caching.setReconnectOnException(true);
        return caching;
    }

    /**
     * Local JMS transactions on the queue's connection factory: a route marked
     * {@code transacted: {ref: queueTransaction}} sends all its queue entries in one
     * transaction, committed (and fsynced) when the route completes. The session is taken
     * at the first send, not at the start: a message whose recipients were all delivered
     * at once queues nothing, and then costs the broker nothing either (no empty commit).
     */
    @Bean
    PlatformTransactionManager queueTransactionManager(ConnectionFactory queueConnectionFactory) {
        JmsTransactionManager manager = new JmsTransactionManager(queueConnectionFactory);
        manager.setLazyResourceRetrieval(true);
        return manager;
    }

    @Bean
    SpringTransactionPolicy queueTransaction(PlatformTransactionManager queueTransactionManager) {
        SpringTransactionPolicy policy = new SpringTransactionPolicy(queueTransactionManager);
        policy.setPropagationBehaviorName("PROPAGATION_REQUIRED");
        return policy;
    }

    @Bean
    HealthIndicator queueHealthIndicator(ObjectProvider<EmbeddedQueueBroker> embedded) {
        return () -> {
            EmbeddedQueueBroker broker = embedded.getIfAvailable();
            if (broker == null) {
                return Health.up().withDetail("broker", "external").build();
            }
            return broker.isActive() ? Health.up().withDetail("broker", "embedded").build()
                    : Health.down().withDetail("broker", "embedded, not active").build();
        };
    }
}
