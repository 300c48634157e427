package org.yubin.admin;

import java.util.ArrayList;
import java.util.List;

/**
 * The addresses of an RFC 5322 address-list header value ({@code To}, {@code Cc},
 * {@code Bcc}): display names, quoted strings, comments and groups
 * ({@code undisclosed-recipients:;}) are understood and left out; obsolete route
 * syntax is not. The result is not validated: the caller checks each address.
 */
final class AddressList {

    private AddressList() {
    }

    static List<String> parse(String value) {
        List<String> addresses = new ArrayList<>();
        StringBuilder item = new StringBuilder();
        boolean quoted = false;
        boolean angle = false;
        int comment = 0;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (quoted) {
                if (c == '\\' && i + 1 < value.length()) {
                    item.append(c).append(value.charAt(++i));
                    continue;
                }
                quoted = c != '"';
                item.append(c);
            } else if (comment > 0) {
                if (c == '\\') {
                    i++;
                } else if (c == '(') {
                    comment++;
                } else if (c == ')') {
                    comment--;
                }
            } else if (c == '(') {
                comment++;
            } else if (c == '"') {
                quoted = true;
                item.append(c);
            } else if (c == '<') {
                angle = true;
                item.append(c);
            } else if (c == '>') {
                angle = false;
                item.append(c);
            } else if (!angle && (c == ',' || c == ';')) {
                add(item, addresses);
            } else if (!angle && c == ':') {
                // "group name:" — what came before is the group's name, not an address
                item.setLength(0);
            } else {
                item.append(c);
            }
        }
        add(item, addresses);
        return addresses;
    }

    private static void add(StringBuilder item, List<String> addresses) {
        String text = item.toString().strip();
        item.setLength(0);
        int open = text.lastIndexOf('<');
        if (open >= 0) {
            int close = text.indexOf('>', open);
            text = text.substring(open + 1, close < 0 ? text.length() : close).strip();
        }
        if (!text.isEmpty()) {
            addresses.add(text);
        }
    }
}
