package org.yubin.directory;

import java.util.Locale;

import com.unboundid.ldap.sdk.Filter;

/**
 * Fills the seed's Dovecot-style templates ({@code %u} whole login, {@code %n} local
 * part, {@code %d} domain, {@code %%} a percent sign) with values escaped for where
 * they land: RFC 4515 for filters, RFC 4514 for DNs. Untrusted addresses therefore
 * cannot widen a filter ({@code *)(cn=*}) or move a search base.
 */
public final class LdapTemplates {

    private LdapTemplates() {
    }

    /** The template with values escaped as filter assertion values. */
    public static String filter(String template, String login) {
        return expand(template, login, true);
    }

    /** The template with values escaped as DN attribute values. */
    public static String dn(String template, String login) {
        return expand(template, login, false);
    }

    /** Lower case, without surrounding spaces or angle brackets. */
    public static String normalize(String address) {
        String a = address.strip();
        if (a.startsWith("<") && a.endsWith(">")) {
            a = a.substring(1, a.length() - 1);
        }
        return a.toLowerCase(Locale.ROOT);
    }

    public static String localPart(String login) {
        int at = login.lastIndexOf('@');
        return at < 0 ? login : login.substring(0, at);
    }

    public static String domain(String login) {
        int at = login.lastIndexOf('@');
        return at < 0 ? "" : login.substring(at + 1);
    }

    private static String expand(String template, String login, boolean forFilter) {
        StringBuilder out = new StringBuilder(template.length() + login.length() * 2);
        for (int i = 0; i < template.length(); i++) {
            char c = template.charAt(i);
            if (c != '%' || i + 1 == template.length()) {
                out.append(c);
                continue;
            }
            char key = template.charAt(++i);
            String value = switch (key) {
                case 'u' -> login;
                case 'n' -> localPart(login);
                case 'd' -> domain(login);
                case '%' -> null;
                default -> throw new IllegalArgumentException("unknown template key %" + key + " in " + template);
            };
            if (value == null) {
                out.append('%');
            } else {
                out.append(forFilter ? Filter.encodeValue(value) : escapeDnValue(value));
            }
        }
        return out.toString();
    }

    /** RFC 4514 section 2.4. */
    public static String escapeDnValue(String value) {
        StringBuilder out = new StringBuilder(value.length() + 8);
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            boolean edgeSpace = c == ' ' && (i == 0 || i == value.length() - 1);
            if (c == '\0') {
                out.append("\\00");
            } else if (",+\"\\<>;=".indexOf(c) >= 0 || edgeSpace || (c == '#' && i == 0)) {
                out.append('\\').append(c);
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
