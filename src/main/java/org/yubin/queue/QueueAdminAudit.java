package org.yubin.queue;

import static org.yubin.log.LogText.printable;

import org.apache.activemq.artemis.api.core.Message;
import org.apache.activemq.artemis.core.server.ServerSession;
import org.apache.activemq.artemis.core.server.plugin.ActiveMQServerMessagePlugin;
import org.apache.activemq.artemis.core.transaction.Transaction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts the command line's admin actions into the server log: {@code yubin queue ...}
 * sends one message to {@link QueueNames#ADMIN_LOG} after each action, this plugin of
 * the embedded broker logs it in one line, and the message goes nowhere (no queue is
 * bound to that address).
 */
final class QueueAdminAudit implements ActiveMQServerMessagePlugin {

    /** The message property with the action's one-line description. */
    static final String ACTION = "YubinAdminAction";

    private static final Logger LOG = LoggerFactory.getLogger(QueueAdminAudit.class);
    private static final int MAX_LENGTH = 500;

    @Override
    public void beforeSend(ServerSession session, Transaction tx, Message message, boolean direct,
                           boolean noAutoCreateQueue) {
        if (!QueueNames.ADMIN_LOG.equals(message.getAddress())) {
            return;
        }
        Object action = message.getObjectProperty(ACTION);
        String text = action == null ? "(no action given)" : printable(action.toString(), MAX_LENGTH);
        String client = session.getRemotingConnection() == null ? "unknown"
                : session.getRemotingConnection().getRemoteAddress();
        LOG.info("admin: {} (from {}, user {})", text, client, session.getUsername());
    }
}
