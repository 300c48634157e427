package org.yubin.queue;


import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.core.settings.impl.AddressFullMessagePolicy;
import org.apache.activemq.artemis.core.settings.impl.AddressSettings;
import org.yubin.config.YubinProperties;

/**
 * Retry schedule of the queue as Artemis address settings: a delivery that fails
 * (the route throws, the JMS transaction rolls back) comes back after
 * {@code retry-delay}, then {@code retry-multiplier} times longer each time up to
 * {@code max-retry-delay}, for as many attempts as fit in {@code lifetime}; after
 * that it moves to {@link QueueNames#DEAD}.
 */
final class QueueAddressSettings {

    private QueueAddressSettings() {
    }

    static AddressSettings forQueue(YubinProperties.Queue queue) {
        return new AddressSettings()
                .setRedeliveryDelay(queue.getRetryDelay().toMillis())
                .setRedeliveryMultiplier(queue.getRetryMultiplier())
                .setMaxRedeliveryDelay(queue.getMaxRetryDelay().toMillis())
                .setMaxDeliveryAttempts(attemptsWithin(queue))
                .setDeadLetterAddress(SimpleString.of(QueueNames.DEAD))
                .setExpiryAddress(SimpleString.of(QueueNames.DEAD))
                .setAutoCreateDeadLetterResources(false)
                .setAutoCreateQueues(true)
                .setAutoCreateAddresses(true)
                // a full queue pages to disk rather than refusing or dropping
                .setAddressFullMessagePolicy(AddressFullMessagePolicy.PAGE);
    }

    /** How many attempts the backoff schedule makes before {@code lifetime} is over. */
    static int attemptsWithin(YubinProperties.Queue queue) {
        long lifetime = queue.getLifetime().toMillis();
        long delay = Math.max(1, queue.getRetryDelay().toMillis());
        long max = Math.max(delay, queue.getMaxRetryDelay().toMillis());
        long elapsed = 0;
        int attempts = 1;
        while (elapsed < lifetime && attempts < 100_000) {
            elapsed += delay;
            attempts++;
            delay = Math.min(max, (long) (delay * Math.max(1.0, queue.getRetryMultiplier())));
        }
        return attempts;
    }
}
