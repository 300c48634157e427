package org.yubin.filter.dkim;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.xbill.DNS.Cache;
import org.xbill.DNS.DClass;
import org.xbill.DNS.ExtendedResolver;
import org.xbill.DNS.Lookup;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Resolver;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/**
 * {@link KeyLookup} over DNS with dnsjava, through the resolvers of {@code yubin.dns.servers}
 * (the system's when empty). Answers are cached by TTL in this instance's cache. Thread-safe.
 */
public final class DnsKeyLookup implements KeyLookup {

    private final Resolver resolver;
    private final Cache cache = new Cache(DClass.IN);

    /** @param servers {@code host}, {@code host:port} or {@code [v6]:port} entries; empty for the system's resolvers */
    public DnsKeyLookup(List<String> servers, Duration timeout) {
        List<Resolver> resolvers = new ArrayList<>();
        for (String server : servers) {
            if (server != null && !server.isBlank()) {
                resolvers.add(resolver(server.strip()));
            }
        }
        ExtendedResolver extended = resolvers.isEmpty() ? new ExtendedResolver() : new ExtendedResolver(resolvers);
        extended.setTimeout(timeout);
        this.resolver = extended;
    }

    private static Resolver resolver(String server) {
        String host = server;
        int port = 53;
        int colon = server.lastIndexOf(':');
        boolean bracketed = server.startsWith("[");
        if (bracketed || (colon > 0 && server.indexOf(':') == colon)) {
            int close = server.indexOf(']');
            host = bracketed ? server.substring(1, Math.max(close, 1)) : server.substring(0, colon);
            String rest = bracketed ? server.substring(close + 1) : server.substring(colon);
            if (!rest.isEmpty()) {
                try {
                    port = Integer.parseInt(rest.substring(1));
                } catch (RuntimeException e) {
                    throw new IllegalArgumentException("yubin.dns.servers: bad port in \"" + server + "\"");
                }
            }
        }
        try {
            return new SimpleResolver(new InetSocketAddress(InetAddress.getByName(host), port));
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("yubin.dns.servers: unknown host in \"" + server + "\"", e);
        }
    }

    @Override
    public List<String> txt(String name) throws KeyLookupException {
        Lookup lookup;
        try {
            lookup = new Lookup(Name.fromString(name, Name.root), Type.TXT);
        } catch (TextParseException e) {
            return List.of();
        }
        lookup.setResolver(resolver);
        lookup.setCache(cache);
        lookup.run();
        switch (lookup.getResult()) {
            case Lookup.SUCCESSFUL -> {
                List<String> records = new ArrayList<>();
                for (Record record : lookup.getAnswers()) {
                    if (record instanceof TXTRecord txt) {
                        records.add(String.join("", txt.getStrings()));
                    }
                }
                return records;
            }
            case Lookup.HOST_NOT_FOUND, Lookup.TYPE_NOT_FOUND -> {
                return List.of();
            }
            default -> throw new KeyLookupException("DNS error for " + name + " TXT: " + lookup.getErrorString());
        }
    }
}
