package org.yubin.filter.dmarc;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The RFC5322.From domain of a message (RFC 7489 6.6.1): there must be exactly one
 * {@code From:} field holding exactly one address, else DMARC's result is {@code permerror}.
 * Reads only the header; comments, quoted display names and group syntax are understood
 * well enough to count addresses. Stateless.
 */
public final class FromDomain {

    private FromDomain() {
    }

    /** The lower-case domain of the only From: address, or {@code null} when there is not exactly one. */
    public static String of(byte[] message) {
        List<StringBuilder> fromFields = new ArrayList<>();
        StringBuilder current = null;
        for (String line : headerOf(message).split("\r?\n")) {
            if (!line.isEmpty() && (line.charAt(0) == ' ' || line.charAt(0) == '\t')) {
                if (current != null) {
                    current.append(line);
                }
                continue;
            }
            current = null;
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).strip().equalsIgnoreCase("from")) {
                current = new StringBuilder(line.substring(colon + 1));
                fromFields.add(current);
            }
        }
        return fromFields.size() == 1 ? domainOfOnlyAddress(fromFields.get(0).toString()) : null;
    }

    private static String headerOf(byte[] message) {
        String text = new String(message, StandardCharsets.ISO_8859_1);
        int end = text.indexOf("\r\n\r\n");
        if (end < 0) {
            end = text.indexOf("\n\n");
        }
        return end < 0 ? text : text.substring(0, end);
    }

    /** Splits the address list at commas outside quotes, comments and angle brackets. */
    private static String domainOfOnlyAddress(String value) {
        StringBuilder bare = new StringBuilder();
        int comment = 0;
        boolean quoted = false;
        List<String> addresses = new ArrayList<>();
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\\' && i + 1 < value.length()) {
                i++;
                continue;
            }
            if (quoted) {
                quoted = c != '"';
            } else if (c == '"' && comment == 0) {
                quoted = true;
            } else if (c == '(') {
                comment++;
            } else if (c == ')' && comment > 0) {
                comment--;
            } else if (comment == 0) {
                if (c == ',') {
                    addresses.add(bare.toString());
                    bare.setLength(0);
                } else {
                    bare.append(c);
                }
            }
        }
        addresses.add(bare.toString());
        addresses.removeIf(String::isBlank);
        if (addresses.size() != 1) {
            return null;
        }
        String address = addresses.get(0).strip();
        int open = address.lastIndexOf('<');
        int close = address.lastIndexOf('>');
        if (open >= 0 && close > open) {
            address = address.substring(open + 1, close);
        }
        int at = address.lastIndexOf('@');
        String domain = at < 0 ? "" : address.substring(at + 1).strip().toLowerCase(Locale.ROOT);
        return domain.matches("[a-z0-9_-]+(\\.[a-z0-9_-]+)+") ? domain : null;
    }
}
