package org.yubin.filter.spf;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URLEncoder;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * RFC 7208 {@code check_host()}: mechanisms {@code all include a mx ptr ip4 ip6 exists},
 * modifiers {@code redirect} (and {@code exp}, ignored: we never reject with the sender's
 * text), qualifiers {@code + - ~ ?}, the macros of section 7 (letters {@code s l o d i h v p},
 * transformers and delimiters). {@code ptr} costs a lookup but never matches (RFC 7208 5.5:
 * "do not use"). Limits: 10 mechanisms or modifiers that query DNS, 2 void lookups,
 * 10 MX hosts per {@code mx}; going over any is {@code permerror}. Thread-safe (each check
 * keeps its counters to itself).
 */
public final class SpfEvaluator {

    static final int LOOKUP_LIMIT = 10;
    static final int VOID_LIMIT = 2;
    static final int MX_LIMIT = 10;

    private static final Pattern MODIFIER = Pattern.compile("([A-Za-z][A-Za-z0-9_.-]*)=(.*)");
    private static final Pattern DOMAIN_AND_CIDR = Pattern.compile("(?::([^/]+))?(?:/(\\d{1,2}))?(?://(\\d{1,3}))?");
    private static final Pattern IPV4 = Pattern.compile("((25[0-5]|2[0-4]\\d|1?\\d?\\d)(\\.(?!$)|$)){4}");
    private static final Pattern LABEL = Pattern.compile("[A-Za-z0-9_]([A-Za-z0-9_-]{0,61}[A-Za-z0-9_])?");

    private final AuthDns dns;

    public SpfEvaluator(AuthDns dns) {
        this.dns = dns;
    }

    /**
     * @param ip     the client's address
     * @param domain the domain to check: the MAIL FROM domain, or the HELO name for the null sender
     * @param sender {@code local@domain} ({@code postmaster@helo} for the null sender)
     * @param helo   the HELO/EHLO name, for {@code %{h}}
     */
    public SpfResult checkHost(InetAddress ip, String domain, String sender, String helo) {
        if (!isDomainName(domain)) {
            return SpfResult.NONE;
        }
        try {
            return new Evaluation(ip, sender, helo == null ? "" : helo).checkHost(domain);
        } catch (TemporaryDnsException e) {
            return SpfResult.TEMPERROR;
        } catch (PermError e) {
            return SpfResult.PERMERROR;
        }
    }

    /** RFC 7208 4.3: a fully qualified name of valid labels, else the result is {@code none}. */
    static boolean isDomainName(String domain) {
        if (domain == null || domain.length() > 253) {
            return false;
        }
        String[] labels = (domain.endsWith(".") ? domain.substring(0, domain.length() - 1) : domain).split("\\.", -1);
        if (labels.length < 2) {
            return false;
        }
        for (String label : labels) {
            if (!LABEL.matcher(label).matches()) {
                return false;
            }
        }
        return true;
    }

    /** A syntax error or a limit exceeded. */
    private static final class PermError extends Exception {
        PermError() {
            super(null, null, false, false);
        }
    }

    /** One check_host() with its own lookup counters. */
    private final class Evaluation {
        private final InetAddress ip;
        private final String sender;
        private final String helo;
        private int lookups;
        private int voids;

        Evaluation(InetAddress ip, String sender, String helo) {
            this.ip = ip;
            this.sender = sender;
            this.helo = helo;
        }

        SpfResult checkHost(String domain) throws TemporaryDnsException, PermError {
            List<String> records = new ArrayList<>();
            for (String text : dns.txt(domain)) {
                String lower = text.toLowerCase(Locale.ROOT);
                if (lower.equals("v=spf1") || lower.startsWith("v=spf1 ")) {
                    records.add(text);
                }
            }
            if (records.isEmpty()) {
                return SpfResult.NONE;
            }
            if (records.size() > 1) {
                throw new PermError();
            }
            String redirect = null;
            for (String term : records.get(0).substring(6).strip().split(" +")) {
                if (term.isEmpty()) {
                    continue;
                }
                Matcher modifier = MODIFIER.matcher(term);
                if (modifier.matches()) {
                    if (modifier.group(1).equalsIgnoreCase("redirect")) {
                        if (redirect != null) {
                            throw new PermError();
                        }
                        redirect = modifier.group(2);
                    }
                    continue;
                }
                boolean qualified = "+-~?".indexOf(term.charAt(0)) >= 0;
                char qualifier = qualified ? term.charAt(0) : '+';
                String mechanism = qualified ? term.substring(1) : term;
                if (matches(mechanism, domain)) {
                    return switch (qualifier) {
                        case '-' -> SpfResult.FAIL;
                        case '~' -> SpfResult.SOFTFAIL;
                        case '?' -> SpfResult.NEUTRAL;
                        default -> SpfResult.PASS;
                    };
                }
            }
            if (redirect == null) {
                return SpfResult.NEUTRAL;
            }
            countLookup();
            String target = expandDomain(redirect, domain);
            SpfResult result = isDomainName(target) ? checkHost(target) : SpfResult.NONE;
            if (result == SpfResult.NONE) {
                throw new PermError();
            }
            return result;
        }

        private boolean matches(String mechanism, String domain) throws TemporaryDnsException, PermError {
            int end = 0;
            while (end < mechanism.length() && mechanism.charAt(end) != ':' && mechanism.charAt(end) != '/') {
                end++;
            }
            String name = mechanism.substring(0, end).toLowerCase(Locale.ROOT);
            String rest = mechanism.substring(end);
            switch (name) {
                case "all":
                    if (!rest.isEmpty()) {
                        throw new PermError();
                    }
                    return true;
                case "include": {
                    countLookup();
                    String target = expandDomain(argument(rest), domain);
                    SpfResult result = isDomainName(target) ? checkHost(target) : SpfResult.NONE;
                    return switch (result) {
                        case PASS -> true;
                        case FAIL, SOFTFAIL, NEUTRAL -> false;
                        case TEMPERROR -> throw new TemporaryDnsException("include:" + target);
                        case NONE, PERMERROR -> throw new PermError();
                    };
                }
                case "a":
                case "mx": {
                    countLookup();
                    Matcher m = DOMAIN_AND_CIDR.matcher(rest);
                    if (!m.matches()) {
                        throw new PermError();
                    }
                    String target = m.group(1) == null ? domain : expandDomain(m.group(1), domain);
                    int prefix = prefix(ip instanceof Inet6Address ? m.group(3) : m.group(2), ip instanceof Inet6Address ? 128 : 32);
                    List<String> hosts;
                    if (name.equals("a")) {
                        hosts = List.of(target);
                    } else {
                        hosts = dns.mxHosts(target);
                        if (hosts.isEmpty()) {
                            countVoid();
                        }
                        if (hosts.size() > MX_LIMIT) {
                            throw new PermError();
                        }
                    }
                    for (String host : hosts) {
                        List<InetAddress> addresses = dns.addresses(host, ip instanceof Inet6Address);
                        if (addresses.isEmpty() && name.equals("a")) {
                            countVoid();
                        }
                        for (InetAddress address : addresses) {
                            if (inNetwork(ip, address, prefix)) {
                                return true;
                            }
                        }
                    }
                    return false;
                }
                case "ptr":
                    countLookup();
                    return false;
                case "exists": {
                    countLookup();
                    List<InetAddress> addresses = dns.addresses(expandDomain(argument(rest), domain), false);
                    if (addresses.isEmpty()) {
                        countVoid();
                    }
                    return !addresses.isEmpty();
                }
                case "ip4":
                case "ip6":
                    return inLiteralNetwork(name.equals("ip6"), argument(rest));
                default:
                    throw new PermError();
            }
        }

        private boolean inLiteralNetwork(boolean v6, String network) throws PermError {
            int slash = network.lastIndexOf('/');
            String address = slash < 0 ? network : network.substring(0, slash);
            int prefix = prefix(slash < 0 ? null : network.substring(slash + 1), v6 ? 128 : 32);
            if (v6 ? address.indexOf(':') < 0 : !IPV4.matcher(address).matches()) {
                throw new PermError();
            }
            InetAddress parsed;
            try {
                parsed = InetAddress.getByName(address);
            } catch (UnknownHostException e) {
                throw new PermError();
            }
            return inNetwork(ip, parsed, prefix);
        }

        private void countLookup() throws PermError {
            if (++lookups > LOOKUP_LIMIT) {
                throw new PermError();
            }
        }

        private void countVoid() throws PermError {
            if (++voids > VOID_LIMIT) {
                throw new PermError();
            }
        }

        private String argument(String rest) throws PermError {
            if (!rest.startsWith(":") || rest.length() == 1) {
                throw new PermError();
            }
            return rest.substring(1);
        }

        /** Section 7 macro expansion of a domain-spec, shortened to 253 octets from the left (7.3). */
        private String expandDomain(String spec, String domain) throws PermError {
            StringBuilder out = new StringBuilder();
            for (int i = 0; i < spec.length(); i++) {
                char c = spec.charAt(i);
                if (c != '%') {
                    out.append(c);
                    continue;
                }
                if (++i >= spec.length()) {
                    throw new PermError();
                }
                switch (spec.charAt(i)) {
                    case '%' -> out.append('%');
                    case '_' -> out.append(' ');
                    case '-' -> out.append("%20");
                    case '{' -> {
                        int close = spec.indexOf('}', i);
                        if (close < 0) {
                            throw new PermError();
                        }
                        out.append(macro(spec.substring(i + 1, close), domain));
                        i = close;
                    }
                    default -> throw new PermError();
                }
            }
            String expanded = out.toString();
            while (expanded.length() > 253 && expanded.indexOf('.') >= 0) {
                expanded = expanded.substring(expanded.indexOf('.') + 1);
            }
            return expanded;
        }

        private String macro(String body, String domain) throws PermError {
            if (body.isEmpty()) {
                throw new PermError();
            }
            char letter = body.charAt(0);
            String value = switch (Character.toLowerCase(letter)) {
                case 's' -> sender;
                case 'l' -> sender.substring(0, Math.max(0, sender.lastIndexOf('@')));
                case 'o' -> sender.substring(sender.lastIndexOf('@') + 1);
                case 'd' -> domain;
                case 'i' -> dottedIp();
                case 'h' -> helo;
                case 'v' -> ip instanceof Inet6Address ? "ip6" : "in-addr";
                case 'p' -> "unknown";
                default -> throw new PermError();
            };
            int pos = 1;
            int digitsEnd = pos;
            while (digitsEnd < body.length() && Character.isDigit(body.charAt(digitsEnd))) {
                digitsEnd++;
            }
            int keep = digitsEnd > pos ? Integer.parseInt(body.substring(pos, Math.min(digitsEnd, pos + 3))) : 0;
            if (digitsEnd > pos && keep == 0) {
                throw new PermError();
            }
            pos = digitsEnd;
            boolean reverse = pos < body.length() && Character.toLowerCase(body.charAt(pos)) == 'r';
            if (reverse) {
                pos++;
            }
            String delimiters = body.substring(pos);
            if (!delimiters.chars().allMatch(d -> ".-+,/_=".indexOf(d) >= 0)) {
                throw new PermError();
            }
            List<String> parts = new ArrayList<>(List.of(value.split(
                    "[" + Pattern.quote(delimiters.isEmpty() ? "." : delimiters) + "]", -1)));
            if (reverse) {
                Collections.reverse(parts);
            }
            if (keep > 0 && keep < parts.size()) {
                parts = parts.subList(parts.size() - keep, parts.size());
            }
            String result = String.join(".", parts);
            return Character.isUpperCase(letter) ? URLEncoder.encode(result, StandardCharsets.UTF_8).replace("+", "%20") : result;
        }

        /** {@code %{i}}: dotted quad, or 32 dot-separated nibbles for IPv6 (7.3). */
        private String dottedIp() {
            if (ip instanceof Inet4Address) {
                return ip.getHostAddress();
            }
            StringBuilder nibbles = new StringBuilder();
            for (byte b : ip.getAddress()) {
                nibbles.append(Character.forDigit((b >> 4) & 0xf, 16)).append('.').append(Character.forDigit(b & 0xf, 16)).append('.');
            }
            return nibbles.substring(0, nibbles.length() - 1);
        }
    }

    private static int prefix(String text, int max) throws PermError {
        if (text == null) {
            return max;
        }
        int prefix = Integer.parseInt(text);
        if (prefix > max || text.length() > 1 && text.startsWith("0")) {
            throw new PermError();
        }
        return prefix;
    }

    /** Whether {@code ip} is in {@code network/prefix}; addresses of different families never match. */
    static boolean inNetwork(InetAddress ip, InetAddress network, int prefix) {
        byte[] a = ip.getAddress();
        byte[] b = network.getAddress();
        if (a.length != b.length) {
            return false;
        }
        for (int bit = 0; bit < prefix; bit++) {
            int mask = 0x80 >> (bit % 8);
            if ((a[bit / 8] & mask) != (b[bit / 8] & mask)) {
                return false;
            }
        }
        return true;
    }
}
