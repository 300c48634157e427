package org.yubin.delivery.remote;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

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
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;
import org.yubin.delivery.PermanentDeliveryException;
import org.yubin.delivery.TemporaryDeliveryException;

/**
 * MX, A and AAAA look-ups for outbound delivery (RFC 5321 section 5.1), through the
 * resolvers of {@code yubin.dns.servers} or the system's ones:
 * <ul>
 *   <li>MX records sorted by preference, hosts of equal preference in random order;</li>
 *   <li>no MX record but an address: the domain itself is the mail host (implicit MX);</li>
 *   <li>null MX ({@code MX 0 .}, RFC 7505): permanent, 5.1.10;</li>
 *   <li>NXDOMAIN, or neither MX nor address: permanent, 5.1.2;</li>
 *   <li>SERVFAIL, timeout, no answer: temporary, 4.4.3.</li>
 * </ul>
 * Answers are cached by TTL in a cache of this instance; {@code /etc/hosts} is not read
 * (mail routing follows DNS only, as Postfix's {@code smtp_host_lookup = dns}).
 * Thread-safe.
 */
public final class MxLookup {

    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

    private final Resolver resolver;
    private final Cache cache = new Cache(DClass.IN);

    /** @param servers {@code host:port} or {@code host} entries; empty for the system's resolvers */
    public MxLookup(List<String> servers, Duration timeout) {
        this.resolver = resolverFor(servers, timeout);
    }

    private static Resolver resolverFor(List<String> servers, Duration timeout) {
        List<Resolver> resolvers = new ArrayList<>();
        for (String server : servers) {
            if (server == null || server.isBlank()) {
                continue;
            }
            HostPort hostPort;
            try {
                hostPort = HostPort.parse(server.strip(), 53);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("yubin.dns.servers: " + e.getMessage(), e);
            }
            try {
                resolvers.add(new SimpleResolver(new InetSocketAddress(InetAddress.getByName(hostPort.host()), hostPort.port())));
            } catch (UnknownHostException e) {
                throw new IllegalArgumentException("yubin.dns.servers: unknown host in \"" + server + "\"", e);
            }
        }
        ExtendedResolver resolver = resolvers.isEmpty() ? new ExtendedResolver() : new ExtendedResolver(resolvers);
        resolver.setTimeout(timeout);
        return resolver;
    }

    /**
     * The hosts to try for mail to {@code domain}, best first.
     *
     * @throws PermanentDeliveryException the domain does not exist, has no mail host or refuses mail (null MX)
     * @throws TemporaryDeliveryException DNS did not answer usefully; try again later
     */
    public List<MxHost> mailHosts(String domain) throws PermanentDeliveryException, TemporaryDeliveryException {
        Name name = absolute(domain);
        Lookup mx = lookup(name, Type.MX);
        mx.run();
        switch (mx.getResult()) {
            case Lookup.SUCCESSFUL:
                return sorted(domain, mx.getAnswers());
            case Lookup.HOST_NOT_FOUND:
                throw new PermanentDeliveryException("5.1.2", "Host or domain name not found. Name service error for name="
                        + domain + " type=MX: Host not found");
            case Lookup.TYPE_NOT_FOUND:
                return implicitMx(domain, name);
            default:
                throw temporary(domain, "MX", mx);
        }
    }

    /**
     * The IPv4 addresses of {@code host}, then its IPv6 ones; an IP literal is returned as is.
     *
     * @throws PermanentDeliveryException the host does not exist or has no address
     * @throws TemporaryDeliveryException DNS did not answer usefully
     */
    public List<InetAddress> addresses(String host) throws PermanentDeliveryException, TemporaryDeliveryException {
        if (isIpLiteral(host)) {
            try {
                return List.of(InetAddress.getByName(host));
            } catch (UnknownHostException e) {
                throw new PermanentDeliveryException("5.1.2", "bad address literal " + host);
            }
        }
        Name name = absolute(host);
        List<InetAddress> addresses = new ArrayList<>();
        boolean notFound = false;
        for (int type : new int[] {Type.A, Type.AAAA}) {
            Lookup lookup = lookup(name, type);
            lookup.run();
            switch (lookup.getResult()) {
                case Lookup.SUCCESSFUL -> {
                    for (Record record : lookup.getAnswers()) {
                        if (record instanceof ARecord a) {
                            addresses.add(a.getAddress());
                        } else if (record instanceof AAAARecord aaaa) {
                            addresses.add(aaaa.getAddress());
                        }
                    }
                }
                case Lookup.HOST_NOT_FOUND -> notFound = true;
                case Lookup.TYPE_NOT_FOUND -> { }
                default -> {
                    if (addresses.isEmpty()) {
                        throw temporary(host, Type.string(type), lookup);
                    }
                }
            }
            if (notFound) {
                break;
            }
        }
        if (addresses.isEmpty()) {
            throw new PermanentDeliveryException("5.1.2", "Host or domain name not found. Name service error for name="
                    + host + " type=A: Host not found");
        }
        return addresses;
    }

    private List<MxHost> implicitMx(String domain, Name name) throws PermanentDeliveryException, TemporaryDeliveryException {
        addresses(name.toString(true));
        return List.of(new MxHost(domain, 0));
    }

    private static List<MxHost> sorted(String domain, Record[] answers) throws PermanentDeliveryException {
        Map<Integer, List<MxHost>> byPreference = new TreeMap<>();
        boolean nullMx = false;
        for (Record record : answers) {
            if (!(record instanceof MXRecord mx)) {
                continue;
            }
            if (mx.getTarget().equals(Name.root)) {
                nullMx = true;
                continue;
            }
            byPreference.computeIfAbsent(mx.getPriority(), p -> new ArrayList<>())
                    .add(new MxHost(mx.getTarget().toString(true).toLowerCase(Locale.ROOT), mx.getPriority()));
        }
        if (byPreference.isEmpty()) {
            if (nullMx) {
                throw new PermanentDeliveryException("5.1.10", "Recipient address has null MX");
            }
            throw new PermanentDeliveryException("5.1.2", "no usable MX host for " + domain);
        }
        List<MxHost> hosts = new ArrayList<>();
        for (List<MxHost> equal : byPreference.values()) {
            // RFC 5321 5.1: spread the load over hosts of the same preference
            Collections.shuffle(equal);
            hosts.addAll(equal);
        }
        hosts.sort(Comparator.comparingInt(MxHost::preference));
        return List.copyOf(hosts);
    }

    private Lookup lookup(Name name, int type) {
        Lookup lookup = new Lookup(name, type, DClass.IN);
        lookup.setResolver(resolver);
        lookup.setCache(cache);
        lookup.setHostsFileParser(null);
        return lookup;
    }

    private static Name absolute(String domain) throws PermanentDeliveryException {
        try {
            return Name.fromString(domain, Name.root);
        } catch (TextParseException e) {
            throw new PermanentDeliveryException("5.1.2", "bad domain name " + domain);
        }
    }

    private static TemporaryDeliveryException temporary(String name, String type, Lookup lookup) {
        return new TemporaryDeliveryException("4.4.3", "Host or domain name not found. Name service error for name="
                + name + " type=" + type + ": " + lookup.getErrorString(), null);
    }

    static boolean isIpLiteral(String host) {
        return IPV4.matcher(host).matches() || host.indexOf(':') >= 0;
    }
}
