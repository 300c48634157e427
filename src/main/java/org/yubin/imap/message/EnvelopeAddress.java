package org.yubin.imap.message;

import java.util.ArrayList;
import java.util.List;

/**
 * One address of an ENVELOPE address list (RFC 3501 section 7.4.2), parsed leniently from a
 * raw header value the way Dovecot reads it: names stay undecoded (encoded words as
 * written), quotes are removed, a trailing comment stands in for a missing name, an address
 * without a domain gets {@code MISSING_DOMAIN}, an empty one between commas
 * {@code MISSING_MAILBOX} too, and a group is framed by a start entry
 * (mailbox = group name, host NIL) and an end entry (all NIL).
 */
public record EnvelopeAddress(String name, String route, String mailbox, String host) {

    static final String MISSING_DOMAIN = "MISSING_DOMAIN";
    static final String MISSING_MAILBOX = "MISSING_MAILBOX";
    private static final EnvelopeAddress GROUP_END = new EnvelopeAddress(null, null, null, null);
    /** A header with thousands of addresses is valid; beyond this it is abuse. */
    private static final int MAX_ADDRESSES = 10_000;

    /** Parses an address-list; never fails, skips what it cannot read. */
    public static List<EnvelopeAddress> parseList(String headerValue) {
        Parser parser = new Parser(Token.tokenize(headerValue));
        List<EnvelopeAddress> out = new ArrayList<>();
        parser.list(out, false);
        return out;
    }

    private record Token(char kind, String text) {
        static final char WORD = 'w';
        static final char QUOTED = 'q';

        boolean is(char special) {
            return kind == special;
        }

        boolean isWord() {
            return kind == WORD || kind == QUOTED;
        }

        static List<Token> tokenize(String s) {
            List<Token> tokens = new ArrayList<>();
            String comment = null;
            int i = 0;
            while (i < s.length()) {
                char c = s.charAt(i);
                if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
                    i++;
                } else if (c == '(') {
                    int depth = 0;
                    StringBuilder text = new StringBuilder();
                    while (i < s.length()) {
                        char d = s.charAt(i++);
                        if (d == '\\' && i < s.length()) {
                            text.append(s.charAt(i++));
                            continue;
                        }
                        if (d == '(' && depth++ == 0) {
                            continue;
                        }
                        if (d == ')' && --depth == 0) {
                            break;
                        }
                        text.append(d);
                    }
                    tokens.add(new Token('(', text.toString()));
                } else if (c == '"') {
                    StringBuilder text = new StringBuilder();
                    i++;
                    while (i < s.length() && s.charAt(i) != '"') {
                        char d = s.charAt(i++);
                        if (d == '\\' && i < s.length()) {
                            d = s.charAt(i++);
                        }
                        text.append(d);
                    }
                    i++;
                    tokens.add(new Token(QUOTED, text.toString()));
                } else if (c == '[') {
                    int close = s.indexOf(']', i);
                    int end = close < 0 ? s.length() : close + 1;
                    tokens.add(new Token(WORD, s.substring(i, end)));
                    i = end;
                } else if ("<>@,;:".indexOf(c) >= 0) {
                    tokens.add(new Token(c, String.valueOf(c)));
                    i++;
                } else {
                    int start = i;
                    while (i < s.length() && " \t\r\n()\"[<>@,;:".indexOf(s.charAt(i)) < 0) {
                        i++;
                    }
                    tokens.add(new Token(WORD, s.substring(start, i)));
                }
            }
            return tokens;
        }
    }

    private static final class Parser {
        private final List<Token> tokens;
        private int i;

        Parser(List<Token> tokens) {
            this.tokens = tokens;
        }

        private Token peek() {
            // Comments matter only after an address (as its name); elsewhere they are skipped.
            while (i < tokens.size() && tokens.get(i).is('(')) {
                i++;
            }
            return i < tokens.size() ? tokens.get(i) : null;
        }

        void list(List<EnvelopeAddress> out, boolean inGroup) {
            Token t;
            boolean afterAddress = false;
            while ((t = peek()) != null && out.size() < MAX_ADDRESSES) {
                if (t.is(',')) {
                    i++;
                    Token following = peek();
                    if (following != null && following.is(',') && afterAddress) {
                        out.add(new EnvelopeAddress(null, null, MISSING_MAILBOX, MISSING_DOMAIN));
                    }
                    continue;
                }
                afterAddress = true;
                if (t.is(';')) {
                    i++;
                    if (inGroup) {
                        return;
                    }
                } else if (t.is(':') && inGroup) {
                    i++;
                } else {
                    address(out, inGroup);
                }
            }
        }

        private void address(List<EnvelopeAddress> out, boolean inGroup) {
            List<Token> phrase = new ArrayList<>();
            Token t;
            while ((t = peek()) != null && (t.isWord() || t.is('>'))) {
                if (t.isWord()) {
                    phrase.add(t);
                }
                i++;
            }
            if (t != null && t.is('<')) {
                i++;
                angleAddress(out, phrase.isEmpty() ? null : join(phrase, " "));
            } else if (t != null && t.is(':') && !inGroup) {
                i++;
                out.add(new EnvelopeAddress(null, null, join(phrase, " "), null));
                list(out, true);
                out.add(GROUP_END);
            } else if (t != null && t.is('@')) {
                i++;
                String host = domain();
                out.add(new EnvelopeAddress(trailingComment(), null, join(phrase, ""), host));
            } else if (!phrase.isEmpty()) {
                out.add(new EnvelopeAddress(trailingComment(), null, join(phrase, ""), MISSING_DOMAIN));
            } else if (t != null) {
                i++;
            }
        }

        private void angleAddress(List<EnvelopeAddress> out, String name) {
            String route = null;
            Token t = peek();
            if (t != null && t.is('@')) {
                StringBuilder r = new StringBuilder();
                while ((t = peek()) != null && !t.is(':') && !t.is('>')) {
                    r.append(t.text());
                    i++;
                }
                if (t != null && t.is(':')) {
                    i++;
                    route = r.toString();
                }
            }
            StringBuilder local = new StringBuilder();
            while ((t = peek()) != null && t.isWord()) {
                local.append(t.text());
                i++;
            }
            String host = MISSING_DOMAIN;
            if (t != null && t.is('@')) {
                i++;
                host = domain();
            }
            while ((t = peek()) != null && !t.is(',') && !t.is(';')) {
                i++;
                if (t.is('>')) {
                    break;
                }
            }
            out.add(new EnvelopeAddress(name, route, local.toString(), host));
        }

        private String domain() {
            StringBuilder d = new StringBuilder();
            peek();
            // Not peek() in the loop: a comment right after the domain is the name.
            while (i < tokens.size() && tokens.get(i).isWord()) {
                d.append(tokens.get(i++).text());
            }
            return d.length() == 0 ? MISSING_DOMAIN : d.toString();
        }

        /** {@code user@host (Name)}: the comment is the name. */
        private String trailingComment() {
            if (i < tokens.size() && tokens.get(i).is('(')) {
                return tokens.get(i++).text();
            }
            return null;
        }

        private static String join(List<Token> words, String separator) {
            StringBuilder out = new StringBuilder();
            for (Token w : words) {
                if (out.length() > 0) {
                    out.append(separator);
                }
                out.append(w.text());
            }
            return out.toString();
        }
    }
}
