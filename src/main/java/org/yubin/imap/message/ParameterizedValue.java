package org.yubin.imap.message;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A MIME header value with parameters (RFC 2045 section 5.1, RFC 2183): {@code text/plain;
 * charset="utf-8"}, {@code attachment; filename=a.pdf}. Parsed leniently: comments are
 * skipped, a parameter without {@code =} or value is dropped, a missing closing quote ends
 * at the end of the field. Parameters keep their order and the case they were written in,
 * except that RFC 2231 ones ({@code name*0*=..; name*1*=..}) are merged into one
 * ({@code name*}, still encoded) and follow the plain ones, sorted by name, as Dovecot gives them.
 */
public record ParameterizedValue(String value, List<Parameter> parameters) {

    /** One {@code name=value} pair. */
    public record Parameter(String name, String value) {
    }

    public static ParameterizedValue parse(String text) {
        Scanner s = new Scanner(text);
        String value = s.token();
        List<Parameter> parameters = new ArrayList<>();
        while (s.skipTo(';')) {
            String name = s.token();
            if (name.isEmpty() || !s.accept('=')) {
                continue;
            }
            String parameterValue = s.valueToken();
            if (parameterValue != null) {
                parameters.add(new Parameter(name, parameterValue));
            }
        }
        return new ParameterizedValue(value, mergeRfc2231(parameters));
    }

    /** At most this many continuations of one parameter are joined; more is abuse. */
    private static final int MAX_SEGMENTS = 100;

    private record Segment(String name, int index, boolean extended, String value) {
    }

    private static List<Parameter> mergeRfc2231(List<Parameter> parameters) {
        List<Parameter> plain = new ArrayList<>();
        List<Segment> segments = new ArrayList<>();
        for (Parameter p : parameters) {
            int star = p.name().indexOf('*');
            if (star < 0) {
                plain.add(p);
                continue;
            }
            String rest = p.name().substring(star + 1);
            boolean extended = rest.endsWith("*") || rest.isEmpty();
            String number = rest.endsWith("*") ? rest.substring(0, rest.length() - 1) : rest;
            int index = -1;
            if (!number.isEmpty()) {
                if (number.length() > 3 || !number.chars().allMatch(Character::isDigit)) {
                    plain.add(p);
                    continue;
                }
                index = Integer.parseInt(number);
            }
            segments.add(new Segment(p.name().substring(0, star), index, extended, p.value()));
        }
        if (segments.isEmpty()) {
            return List.copyOf(plain);
        }
        segments.sort(Comparator.comparing(Segment::name).thenComparingInt(Segment::index));
        int i = 0;
        while (i < segments.size()) {
            Segment first = segments.get(i);
            StringBuilder value = new StringBuilder();
            int count = 0;
            while (i < segments.size() && segments.get(i).name().equals(first.name())) {
                if (count++ < MAX_SEGMENTS) {
                    value.append(segments.get(i).value());
                }
                i++;
            }
            plain.add(new Parameter(first.extended() ? first.name() + "*" : first.name(), value.toString()));
        }
        return List.copyOf(plain);
    }

    /** The first parameter of that name (case-insensitive), or null. */
    public String parameter(String name) {
        for (Parameter p : parameters) {
            if (p.name().equalsIgnoreCase(name)) {
                return p.value();
            }
        }
        return null;
    }

    private static final class Scanner {
        private static final String TSPECIALS = "()<>@,;:\\\"[]?=";
        private final String text;
        private int pos;

        Scanner(String text) {
            this.text = text;
        }

        /** Skips whitespace and (nested) comments. */
        void skipSpace() {
            while (pos < text.length()) {
                char c = text.charAt(pos);
                if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
                    pos++;
                } else if (c == '(') {
                    int depth = 0;
                    while (pos < text.length()) {
                        char d = text.charAt(pos++);
                        if (d == '\\') {
                            pos++;
                        } else if (d == '(') {
                            depth++;
                        } else if (d == ')' && --depth == 0) {
                            break;
                        }
                    }
                } else {
                    return;
                }
            }
        }

        /** A token; {@code /} is allowed so that type/subtype is one. */
        String token() {
            skipSpace();
            int start = pos;
            while (pos < text.length()) {
                char c = text.charAt(pos);
                if (c <= ' ' || (TSPECIALS.indexOf(c) >= 0)) {
                    break;
                }
                pos++;
            }
            return text.substring(start, pos);
        }

        String valueToken() {
            skipSpace();
            if (pos < text.length() && text.charAt(pos) == '"') {
                pos++;
                StringBuilder out = new StringBuilder();
                while (pos < text.length()) {
                    char c = text.charAt(pos++);
                    if (c == '"') {
                        return out.toString();
                    }
                    if (c == '\\' && pos < text.length()) {
                        c = text.charAt(pos++);
                    }
                    out.append(c);
                }
                return out.toString();
            }
            int start = pos;
            while (pos < text.length()) {
                char c = text.charAt(pos);
                if (c == ';' || c == ' ' || c == '\t' || c == '(' || c == '"') {
                    break;
                }
                pos++;
            }
            return start == pos ? null : text.substring(start, pos);
        }

        boolean accept(char c) {
            skipSpace();
            if (pos < text.length() && text.charAt(pos) == c) {
                pos++;
                return true;
            }
            return false;
        }

        /** Moves past the next {@code c} outside quotes; false at the end. */
        boolean skipTo(char c) {
            boolean quoted = false;
            while (pos < text.length()) {
                char d = text.charAt(pos++);
                if (d == '"') {
                    quoted = !quoted;
                } else if (d == '\\' && quoted) {
                    pos++;
                } else if (d == c && !quoted) {
                    return true;
                }
            }
            return false;
        }
    }
}
