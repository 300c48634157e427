package org.yubin.delivery.remote;

import java.io.IOException;
import java.net.InetAddress;
import java.util.List;
import java.util.Locale;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.yubin.delivery.DeliveryException;
import org.yubin.delivery.PermanentDeliveryException;
import org.yubin.delivery.TemporaryDeliveryException;

/**
 * Sends one message to one remote recipient: finds the hosts (MX look-up, or the
 * relayhost), reuses a parked connection or connects to the hosts in order, each
 * address in turn, until one answers; a host whose STARTTLS handshake fails is tried
 * again without TLS. Connection failures, refused greetings, 421 and broken connections
 * move on to the next address; a 4xx or 5xx reply to the transaction decides.
 *
 * <p>Thread-safe; blocks the calling thread for the whole attempt.
 */
final class SmtpTransport {

    private static final Logger LOG = LoggerFactory.getLogger(SmtpTransport.class);

    /**
     * A successful delivery.
     *
     * @param relay {@code host[ip]:port}
     * @param reply the server's reply to the end of DATA
     * @param tls   whether the message went over TLS
     */
    record Sent(String relay, RemoteReply reply, boolean tls) { }

    private final MxLookup dns;
    private final OutboundConnectionPool pool;
    private final SmtpClientSettings settings;
    private final HostPort relayhost;
    private final int smtpPort;

    /** @param relayhost null for MX delivery */
    SmtpTransport(MxLookup dns, OutboundConnectionPool pool, SmtpClientSettings settings, HostPort relayhost, int smtpPort) {
        this.dns = dns;
        this.pool = pool;
        this.settings = settings;
        this.relayhost = relayhost;
        this.smtpPort = smtpPort;
    }

    /**
     * @throws PermanentDeliveryException the recipient or message was refused for good (5xx, null MX, NXDOMAIN)
     * @throws TemporaryDeliveryException deferred: 4xx, no host reachable, DNS trouble, destination busy
     */
    Sent deliver(String queueId, String mailFrom, String recipient, byte[] message) throws DeliveryException {
        int at = recipient.lastIndexOf('@');
        if (at <= 0 || at == recipient.length() - 1) {
            throw new PermanentDeliveryException("5.1.3", "bad recipient address syntax");
        }
        String domain = recipient.substring(at + 1).toLowerCase(Locale.ROOT);
        String destination;
        List<MxHost> hosts;
        int port;
        if (relayhost != null) {
            destination = "[" + relayhost.host() + "]:" + relayhost.port();
            hosts = relayhost.bracketed() ? List.of(new MxHost(relayhost.host(), 0)) : dns.mailHosts(relayhost.host());
            port = relayhost.port();
        } else {
            destination = domain;
            hosts = dns.mailHosts(domain);
            port = smtpPort;
        }
        OutboundConnectionPool.Slot slot = pool.acquire(destination);
        try {
            return attempt(queueId, destination, hosts, port, mailFrom, recipient, message);
        } finally {
            pool.release(slot);
        }
    }

    private Sent attempt(String queueId, String destination, List<MxHost> hosts, int port, String mailFrom,
                         String recipient, byte[] message) throws DeliveryException {
        SmtpClientConnection reused = pool.take(destination);
        if (reused != null) {
            Sent sent = transact(queueId, destination, reused, mailFrom, recipient, message);
            if (sent != null) {
                return sent;
            }
        }
        String lastProblem = "no mail host for " + destination;
        for (MxHost host : hosts) {
            List<InetAddress> addresses;
            try {
                addresses = dns.addresses(host.name());
            } catch (DeliveryException e) {
                lastProblem = e.reason();
                continue;
            }
            for (InetAddress address : addresses) {
                String target = host.name() + "[" + address.getHostAddress() + "]:" + port;
                SmtpClientConnection connection;
                try {
                    connection = connect(queueId, host.name(), address, port);
                } catch (IOException e) {
                    lastProblem = "connect to " + target + ": " + RemoteReply.printable(String.valueOf(e.getMessage()));
                    LOG.info("{}: {}", queueId, lastProblem);
                    continue;
                }
                Sent sent = transact(queueId, destination, connection, mailFrom, recipient, message);
                if (sent != null) {
                    return sent;
                }
                lastProblem = "lost connection with " + target;
            }
        }
        throw new RemoteTemporaryException("4.4.1", lastProblem, null, null, null);
    }

    private SmtpClientConnection connect(String queueId, String host, InetAddress address, int port) throws IOException {
        try {
            return SmtpClientConnection.open(host, address, port, true, settings, pool.scheduler());
        } catch (SmtpClientConnection.TlsFailedException e) {
            LOG.info("{}: {}[{}]:{}: {}, trying again without TLS", queueId, host, address.getHostAddress(), port,
                    RemoteReply.printable(String.valueOf(e.getMessage())));
            return SmtpClientConnection.open(host, address, port, false, settings, pool.scheduler());
        }
    }

    /** One transaction on {@code connection}; null when the connection broke and the next host should be tried. */
    private Sent transact(String queueId, String destination, SmtpClientConnection connection, String mailFrom,
                          String recipient, byte[] message) throws DeliveryException {
        SmtpClientConnection.Result result;
        try {
            result = connection.send(mailFrom, recipient, message);
        } catch (IOException e) {
            LOG.info("{}: {}: {}", queueId, connection.relay(), RemoteReply.printable(String.valueOf(e.getMessage())));
            connection.close();
            return null;
        }
        RemoteReply reply = result.reply();
        if (reply.code() == 421) {
            connection.close();
            LOG.info("{}: {} said: {}", queueId, connection.relay(), reply.text());
            return null;
        }
        pool.park(destination, connection);
        if (reply.isPositive()) {
            return new Sent(connection.relay(), reply, connection.isTls());
        }
        String reason = result.local() ? reply.text().substring(4)
                : "host " + connection.relay() + " said: " + reply.text() + " (in reply to " + result.command() + " command)";
        String smtpReply = result.local() ? null : reply.text();
        if (reply.isTransient()) {
            throw new RemoteTemporaryException(reply.enhancedStatus(), reason, connection.relay(), connection.hostName(), smtpReply);
        }
        throw new RemotePermanentException(reply.enhancedStatus(), reason, connection.relay(), connection.hostName(), smtpReply);
    }
}
