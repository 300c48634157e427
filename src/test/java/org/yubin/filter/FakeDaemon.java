package org.yubin.filter;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A scripted stand-in for clamd or spamd (after James's {@code MockSpamd}): listens on a
 * unix socket or a loopback port and runs {@link Conversation} for each connection on
 * its own thread. For fast tests of the protocol code; the real daemons are tested in
 * {@link ContentFilterFlowTest} and {@link VirusTagFlowTest}.
 */
class FakeDaemon implements AutoCloseable {

    /** What the daemon does with one connection. */
    interface Conversation {
        void talk(SocketChannel client) throws IOException;
    }

    private final ServerSocketChannel server;
    private final DaemonAddress address;
    private final AtomicInteger connections = new AtomicInteger();
    private final Thread acceptor;
    private final Path socketDir;

    private FakeDaemon(ServerSocketChannel server, DaemonAddress address, Path socketDir, Conversation conversation) {
        this.server = server;
        this.address = address;
        this.socketDir = socketDir;
        this.acceptor = new Thread(() -> acceptAll(conversation), "fake-daemon");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    static FakeDaemon onUnixSocket(Conversation conversation) {
        try {
            Path dir = Files.createTempDirectory("yubin-fake");
            Path socket = dir.resolve("daemon.sock");
            ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
            server.bind(UnixDomainSocketAddress.of(socket));
            return new FakeDaemon(server, DaemonAddress.parse("test", "unix:" + socket), dir, conversation);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static FakeDaemon onTcpPort(Conversation conversation) {
        try {
            ServerSocketChannel server = ServerSocketChannel.open();
            server.bind(new InetSocketAddress("127.0.0.1", 0));
            int port = ((InetSocketAddress) server.getLocalAddress()).getPort();
            return new FakeDaemon(server, DaemonAddress.parse("test", "tcp:127.0.0.1:" + port), null, conversation);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    DaemonAddress address() {
        return address;
    }

    /** How many connections the daemon has accepted. */
    int connections() {
        return connections.get();
    }

    private void acceptAll(Conversation conversation) {
        while (server.isOpen()) {
            try {
                SocketChannel client = server.accept();
                connections.incrementAndGet();
                Thread talker = new Thread(() -> {
                    try (client) {
                        conversation.talk(client);
                    } catch (IOException e) {
                        // the client went away; the test sees it from the client side
                    }
                }, "fake-daemon-conversation");
                talker.setDaemon(true);
                talker.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        // a thread blocked in accept keeps the listening socket open until it returns
        try {
            acceptor.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (socketDir != null) {
            Files.deleteIfExists(socketDir.resolve("daemon.sock"));
            Files.deleteIfExists(socketDir);
        }
    }
}
