package org.yubin.delivery.remote;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A reply of a remote SMTP server: the three-digit code and its text lines (code and
 * separator stripped). Text comes from the remote side and is untrusted: {@link #text()}
 * keeps only printable ASCII so that it is safe in log lines and DSNs.
 */
public record RemoteReply(int code, List<String> lines) {

    private static final Pattern ENHANCED = Pattern.compile("^([245])\\.(\\d{1,3})\\.(\\d{1,3})(?:\\s|$)");

    public boolean isPositive() {
        return code >= 200 && code < 400;
    }

    public boolean isTransient() {
        return code >= 400 && code < 500;
    }

    /** {@code "550 5.1.1 No such user"}: the lines joined by a space, printable ASCII only. */
    public String text() {
        StringBuilder out = new StringBuilder().append(code);
        for (String line : lines) {
            out.append(' ').append(printable(line));
        }
        return out.toString();
    }

    /** The enhanced status code the server gave, or one made from the reply class ({@code 4.0.0}, {@code 5.0.0}). */
    public String enhancedStatus() {
        if (!lines.isEmpty()) {
            Matcher matcher = ENHANCED.matcher(lines.get(0));
            if (matcher.find() && matcher.group(1).charAt(0) == Character.forDigit(code / 100, 10)) {
                return matcher.group(1) + "." + matcher.group(2) + "." + matcher.group(3);
            }
        }
        return (code / 100) + ".0.0";
    }

    static String printable(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length() && out.length() < 1000; i++) {
            char c = text.charAt(i);
            out.append(c >= 0x20 && c < 0x7f ? c : '?');
        }
        return out.toString();
    }
}
