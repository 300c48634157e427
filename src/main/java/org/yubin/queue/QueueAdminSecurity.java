package org.yubin.queue;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Set;

import javax.security.auth.Subject;

import org.apache.activemq.artemis.core.remoting.impl.invm.InVMConnection;
import org.apache.activemq.artemis.core.security.CheckType;
import org.apache.activemq.artemis.core.security.Role;
import org.apache.activemq.artemis.spi.core.protocol.RemotingConnection;
import org.apache.activemq.artemis.spi.core.security.ActiveMQSecurityManager5;
import org.apache.activemq.artemis.spi.core.security.jaas.UserPrincipal;

/**
 * Who may use the embedded broker: connections from inside the process (the in-VM
 * acceptor: the server's routes, or the command line's own broker) always; TCP
 * connections (the loopback admin acceptor) only as {@link QueueAdminEndpoint#USER}
 * with the secret of {@code admin.properties}. An authenticated connection may do
 * everything, management included. Thread-safe (immutable).
 */
final class QueueAdminSecurity implements ActiveMQSecurityManager5 {

    private final byte[] secret;

    QueueAdminSecurity(String secret) {
        this.secret = secret.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public Subject authenticate(String user, String password, RemotingConnection connection, String securityDomain) {
        boolean inProcess = connection != null && connection.getTransportConnection() instanceof InVMConnection;
        if (inProcess || (QueueAdminEndpoint.USER.equals(user) && password != null
                && MessageDigest.isEqual(secret, password.getBytes(StandardCharsets.UTF_8)))) {
            Subject subject = new Subject();
            subject.getPrincipals().add(new UserPrincipal(inProcess ? "in-vm" : QueueAdminEndpoint.USER));
            return subject;
        }
        return null;
    }

    @Override
    public boolean authorize(Subject subject, Set<Role> roles, CheckType checkType, String address) {
        return subject != null;
    }

    @Override
    public boolean validateUser(String user, String password) {
        throw new UnsupportedOperationException("authenticate(user, password, connection, domain) is used");
    }

    @Override
    public boolean validateUserAndRole(String user, String password, Set<Role> roles, CheckType checkType) {
        throw new UnsupportedOperationException("authorize(subject, roles, checkType, address) is used");
    }
}
