package org.yubin.filter.spf;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.Cache;
import org.xbill.DNS.DClass;
import org.xbill.DNS.ExtendedResolver;
import org.xbill.DNS.Lookup;
import org.xbill.DNS.MXRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Resolver;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/**
 * The DNS queries of SPF and DMARC (TXT, A, AAAA, MX) through the resolvers of
 * {@code yubin.dns.servers} (the system's when empty), cached by TTL. A name that does not
 * exist or has no record of the type gives an empty list (a "void lookup" in RFC 7208
 * terms); SERVFAIL, a timeout or an unusable name in the answer is a
 * {@link TemporaryDnsException}. {@code /etc/hosts} is not read. Thread-safe.
 */
public final class AuthDns {

    private final Resolver resolver;
    private final Cache cache = new Cache(DClass.IN);

    /** @param servers {@code host:port} or {@code host} entries; empty for the system's resolvers */
    public AuthDns(List<String> servers, Duration timeout) {
        List<Resolver> resolvers = new ArrayList<>();
        for (String server : servers) {
            if (server == null || server.isBlank()) {
                continue;
            }
            String entry = server.strip();
            int colon = entry.lastIndexOf(':');
            boolean withPort = colon > 0 && entry.indexOf(':') == colon;
            try {
                String host = withPort ? entry.substring(0, colon) : entry;
                int port = withPort ? Integer.parseInt(entry.substring(colon + 1)) : 53;
                resolvers.add(new SimpleResolver(new InetSocketAddress(InetAddress.getByName(host), port)));
            } catch (NumberFormatException | UnknownHostException e) {
                throw new IllegalArgumentException("yubin.dns.servers: bad entry \"" + server + "\"", e);
            }
        }
        ExtendedResolver extended = resolvers.isEmpty() ? new ExtendedResolver() : new ExtendedResolver(resolvers);
        extended.setTimeout(timeout);
        this.resolver = extended;
    }

    /** The TXT records of {@code name}, each one's strings joined (RFC 7208 section 3.3). */
    public List<String> txt(String name) throws TemporaryDnsException {
        List<String> texts = new ArrayList<>();
        for (Record record : query(name, Type.TXT)) {
            if (record instanceof TXTRecord txt) {
                texts.add(String.join("", txt.getStrings()));
            }
        }
        return texts;
    }

    /** The IPv4 ({@code ipv6} false) or IPv6 addresses of {@code name}. */
    public List<InetAddress> addresses(String name, boolean ipv6) throws TemporaryDnsException {
        List<InetAddress> addresses = new ArrayList<>();
        for (Record record : query(name, ipv6 ? Type.AAAA : Type.A)) {
            if (record instanceof ARecord a) {
                addresses.add(a.getAddress());
            } else if (record instanceof AAAARecord aaaa) {
                addresses.add(aaaa.getAddress());
            }
        }
        return addresses;
    }

    /** The exchange host names of the MX records of {@code name}, the null MX left out. */
    public List<String> mxHosts(String name) throws TemporaryDnsException {
        List<String> hosts = new ArrayList<>();
        for (Record record : query(name, Type.MX)) {
            if (record instanceof MXRecord mx && !mx.getTarget().equals(Name.root)) {
                hosts.add(mx.getTarget().toString(true));
            }
        }
        return hosts;
    }

    private List<Record> query(String name, int type) throws TemporaryDnsException {
        Name absolute;
        try {
            absolute = Name.fromString(name, Name.root);
        } catch (TextParseException e) {
            return List.of();
        }
        Lookup lookup = new Lookup(absolute, type, DClass.IN);
        lookup.setResolver(resolver);
        lookup.setCache(cache);
        lookup.setHostsFileParser(null);
        lookup.run();
        return switch (lookup.getResult()) {
            case Lookup.SUCCESSFUL -> List.of(lookup.getAnswers());
            case Lookup.HOST_NOT_FOUND, Lookup.TYPE_NOT_FOUND -> List.of();
            default -> throw new TemporaryDnsException(name + "/" + Type.string(type) + ": " + lookup.getErrorString());
        };
    }
}
