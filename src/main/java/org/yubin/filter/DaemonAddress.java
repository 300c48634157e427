package org.yubin.filter;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;

/**
 * Where a filter daemon (clamd, spamd) listens: {@code unix:/path/to/socket} or
 * {@code tcp:host:port} ({@code tcp:[::1]:783} for IPv6). Immutable.
 */
public record DaemonAddress(String text, SocketAddress socketAddress) {

    /** Parses a setting value; throws {@link IllegalArgumentException} naming {@code setting} when it is wrong. */
    public static DaemonAddress parse(String setting, String value) {
        String text = value == null ? "" : value.strip();
        if (text.startsWith("unix:") && text.length() > "unix:".length()) {
            return new DaemonAddress(text, UnixDomainSocketAddress.of(Path.of(text.substring("unix:".length()))));
        }
        if (text.startsWith("tcp:")) {
            String hostPort = text.substring("tcp:".length());
            int colon = hostPort.lastIndexOf(':');
            if (colon > 0) {
                String host = hostPort.substring(0, colon);
                if (host.startsWith("[") && host.endsWith("]")) {
                    host = host.substring(1, host.length() - 1);
                }
                try {
                    int port = Integer.parseInt(hostPort.substring(colon + 1));
                    if (port > 0 && port < 65536 && !host.isEmpty()) {
                        return new DaemonAddress(text, InetSocketAddress.createUnresolved(host, port));
                    }
                } catch (NumberFormatException e) {
                    // falls through to the error below
                }
            }
        }
        throw new IllegalArgumentException(setting + ": expected unix:/path or tcp:host:port, got '" + text + "'");
    }

    /** A new unconnected blocking channel of the right protocol family. */
    SocketChannel openChannel() throws IOException {
        return socketAddress instanceof InetSocketAddress
                ? SocketChannel.open()
                : SocketChannel.open(StandardProtocolFamily.UNIX);
    }

    /** The address to connect to; the host name of a {@code tcp:} address is resolved now. */
    SocketAddress resolve() {
        if (socketAddress instanceof InetSocketAddress inet) {
            return new InetSocketAddress(inet.getHostString(), inet.getPort());
        }
        return socketAddress;
    }

    @Override
    public String toString() {
        return text;
    }
}
