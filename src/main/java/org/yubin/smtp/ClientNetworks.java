package org.yubin.smtp;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

/**
 * A list of CIDR blocks ({@code yubin.mynetworks}): {@code 127.0.0.0/8}, {@code 10.1.2.3},
 * {@code ::1/128} or Postfix's bracket form {@code [::1]/128}. Entries are literal
 * addresses only, never host names, so parsing does no DNS. Immutable, thread-safe.
 */
public final class ClientNetworks {

    private record Block(byte[] network, int prefix) {
        boolean contains(byte[] address) {
            if (address.length != network.length) {
                return false;
            }
            int full = prefix / 8;
            for (int i = 0; i < full; i++) {
                if (address[i] != network[i]) {
                    return false;
                }
            }
            int rest = prefix % 8;
            if (rest == 0) {
                return true;
            }
            int mask = (0xFF << (8 - rest)) & 0xFF;
            return (address[full] & mask) == (network[full] & mask);
        }
    }

    private final List<Block> blocks;

    private ClientNetworks(List<Block> blocks) {
        this.blocks = List.copyOf(blocks);
    }

    /**
     * Parses every entry.
     *
     * @throws IllegalArgumentException naming the entry that is not a literal address or block
     */
    public static ClientNetworks parse(List<String> entries) {
        List<Block> blocks = new ArrayList<>();
        for (String raw : entries) {
            String entry = raw.trim();
            if (!entry.isEmpty()) {
                blocks.add(parseBlock(entry));
            }
        }
        return new ClientNetworks(blocks);
    }

    public boolean contains(InetAddress address) {
        if (address == null) {
            return false;
        }
        byte[] bytes = address.getAddress();
        return blocks.stream().anyMatch(block -> block.contains(bytes));
    }

    private static Block parseBlock(String entry) {
        int slash = entry.indexOf('/');
        String host = slash < 0 ? entry : entry.substring(0, slash);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        if (!host.matches("[0-9A-Fa-f:.]+") || (host.indexOf(':') < 0 && !host.matches("\\d+\\.\\d+\\.\\d+\\.\\d+"))) {
            throw new IllegalArgumentException("mynetworks: not an IP address or CIDR block: " + entry);
        }
        byte[] network;
        try {
            network = InetAddress.getByName(host).getAddress();
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("mynetworks: not an IP address or CIDR block: " + entry, e);
        }
        int maxPrefix = network.length * 8;
        int prefix = maxPrefix;
        if (slash >= 0) {
            try {
                prefix = Integer.parseInt(entry.substring(slash + 1));
            } catch (NumberFormatException e) {
                prefix = -1;
            }
            if (prefix < 0 || prefix > maxPrefix) {
                throw new IllegalArgumentException("mynetworks: bad prefix length in " + entry);
            }
        }
        return new Block(network, prefix);
    }
}
