package org.yubin.delivery.remote;

/**
 * A {@code host:port}, {@code [host]:port}, {@code host} or {@code [host]} setting; the
 * brackets (as in Postfix's relayhost) mean "this very host, no MX look-up".
 * IPv6 addresses need the brackets: {@code [::1]:25}.
 */
record HostPort(String host, int port, boolean bracketed) {

    /** @throws IllegalArgumentException for an unusable value */
    static HostPort parse(String value, int defaultPort) {
        String text = value.strip();
        String host;
        String rest;
        boolean bracketed = text.startsWith("[");
        if (bracketed) {
            int close = text.indexOf(']');
            if (close < 0) {
                throw new IllegalArgumentException("missing ] in \"" + value + "\"");
            }
            host = text.substring(1, close);
            rest = text.substring(close + 1);
        } else {
            int colon = text.lastIndexOf(':');
            if (colon >= 0 && text.indexOf(':') != colon) {
                throw new IllegalArgumentException("IPv6 address needs brackets: \"" + value + "\"");
            }
            host = colon < 0 ? text : text.substring(0, colon);
            rest = colon < 0 ? "" : text.substring(colon);
        }
        int port = defaultPort;
        if (!rest.isEmpty()) {
            if (!rest.startsWith(":")) {
                throw new IllegalArgumentException("expected :port after the host in \"" + value + "\"");
            }
            try {
                port = Integer.parseInt(rest.substring(1));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("bad port in \"" + value + "\"");
            }
        }
        if (host.isEmpty() || port < 1 || port > 65535) {
            throw new IllegalArgumentException("bad host or port in \"" + value + "\"");
        }
        return new HostPort(host, port, bracketed);
    }
}
