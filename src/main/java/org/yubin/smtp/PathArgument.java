package org.yubin.smtp;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The argument of MAIL FROM / RCPT TO (RFC 5321 4.1.2): {@code FROM:<path> [params]}.
 * Like Postfix with {@code strict_rfc821_envelopes = no} it allows a space after the
 * colon and a path without angle brackets; a source route ({@code @a,@b:}) is dropped.
 *
 * @param address the mailbox without brackets; empty for the null path {@code <>}
 * @param params  ESMTP parameters, keys upper case, value {@code null} for a bare keyword
 */
public record PathArgument(String address, Map<String, String> params) {

    private static final Pattern LOCAL_PART = Pattern.compile("[^\\s\\p{Cntrl}<>()\\[\\]\\\\,;:@\"]+(\\.[^\\s\\p{Cntrl}<>()\\[\\]\\\\,;:@\"]+)*|\"([^\"\\\\\\p{Cntrl}]|\\\\[ -~])*\"");
    private static final Pattern DOMAIN = Pattern.compile("[^\\s\\p{Cntrl}<>()\\[\\]\\\\,;:@\".]+(\\.[^\\s\\p{Cntrl}<>()\\[\\]\\\\,;:@\".]+)*\\.?|\\[[^\\s\\p{Cntrl}\\[\\]\\\\]+\\]");
    private static final Pattern PARAM = Pattern.compile("[A-Za-z0-9][A-Za-z0-9-]*(=[!-<>-~\\x{80}-\\x{10FFFF}]+)?");
    private static final Pattern SPACES = Pattern.compile(" +");
    /** RFC 5322 atext besides letters and digits: all allowed by LOCAL_PART. */
    private static final String ATEXT_SPECIALS = "!#$%&'*+-/=?^_`{|}~";
    private static final int MAX_ADDRESS = 320;

    /**
     * Parses {@code argument} after {@code keyword} ({@code FROM} or {@code TO}).
     *
     * @throws SmtpRejectException with {@code missingKeyword} when the keyword and colon are absent,
     *                             with {@code badAddress} when the path or a parameter is malformed
     */
    public static PathArgument parse(String argument, String keyword, SmtpReply missingKeyword, SmtpReply badAddress) {
        String prefix = keyword + ":";
        if (!argument.regionMatches(true, 0, prefix, 0, prefix.length())) {
            throw new SmtpRejectException(missingKeyword);
        }
        String rest = argument.substring(prefix.length()).stripLeading();
        String path;
        String tail;
        if (rest.startsWith("<")) {
            int close = rest.indexOf('>');
            if (close < 0) {
                throw new SmtpRejectException(badAddress);
            }
            path = rest.substring(1, close);
            tail = rest.substring(close + 1);
            if (!tail.isEmpty() && !tail.startsWith(" ")) {
                throw new SmtpRejectException(badAddress);
            }
        } else {
            int space = rest.indexOf(' ');
            path = space < 0 ? rest : rest.substring(0, space);
            tail = space < 0 ? "" : rest.substring(space);
            if (path.isEmpty()) {
                throw new SmtpRejectException(badAddress);
            }
        }
        if (path.startsWith("@")) {
            int colon = path.indexOf(':');
            path = colon < 0 ? "" : path.substring(colon + 1);
            if (path.isEmpty()) {
                throw new SmtpRejectException(badAddress);
            }
        }
        if (!path.isEmpty() && !isMailbox(path)) {
            throw new SmtpRejectException(badAddress);
        }
        Map<String, String> params = new LinkedHashMap<>();
        for (String param : SPACES.split(tail.strip())) {
            if (param.isEmpty()) {
                continue;
            }
            if (!PARAM.matcher(param).matches()) {
                throw new SmtpRejectException(badAddress);
            }
            int eq = param.indexOf('=');
            String key = (eq < 0 ? param : param.substring(0, eq)).toUpperCase(Locale.ROOT);
            params.put(key, eq < 0 ? null : param.substring(eq + 1));
        }
        return new PathArgument(path, Collections.unmodifiableMap(params));
    }

    /** Whether the address has characters beyond ASCII (needs SMTPUTF8, RFC 6531). */
    public boolean isInternational() {
        return address.chars().anyMatch(c -> c > 0x7F);
    }

    private static boolean isMailbox(String path) {
        if (path.length() > MAX_ADDRESS) {
            return false;
        }
        int at = path.lastIndexOf('@');
        return at > 0 && at < path.length() - 1
                && (isPlainDotAtom(path, 0, at, ATEXT_SPECIALS) || LOCAL_PART.matcher(path.substring(0, at)).matches())
                && (isPlainDotAtom(path, at + 1, path.length(), "-") || DOMAIN.matcher(path.substring(at + 1)).matches());
    }

    /**
     * Dot-separated atoms of ASCII letters, digits and {@code extra}, as nearly every
     * address is: accepted without the patterns, which decide everything else.
     */
    private static boolean isPlainDotAtom(String text, int from, int to, String extra) {
        boolean atomStart = true;
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c == '.') {
                if (atomStart) {
                    return false;
                }
                atomStart = true;
            } else if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || extra.indexOf(c) >= 0) {
                atomStart = false;
            } else {
                return false;
            }
        }
        return !atomStart;
    }
}
