package org.yubin.log;

/**
 * Untrusted text (addresses, HELO names, user names, queue contents) made safe for one log
 * line: every control character (CR, LF, NUL, ESC, DEL, C1) becomes {@code ?}, so that no
 * client can end a line or forge the next one.
 */
public final class LogText {

    private LogText() {
    }

    /** {@code text} with its control characters as {@code ?}; the same string when it has none, "" for null. */
    public static String printable(String text) {
        return printable(text, Integer.MAX_VALUE);
    }

    /** As {@link #printable(String)}, cut after {@code maxLength} characters. */
    public static String printable(String text, int maxLength) {
        if (text == null) {
            return "";
        }
        int length = Math.min(text.length(), maxLength);
        int first = 0;
        while (first < length && !Character.isISOControl(text.charAt(first))) {
            first++;
        }
        if (first == text.length()) {
            return text;
        }
        char[] out = new char[length];
        text.getChars(0, length, out, 0);
        for (int i = first; i < length; i++) {
            if (Character.isISOControl(out[i])) {
                out[i] = '?';
            }
        }
        return new String(out);
    }
}
