package org.yubin.delivery.store;

import java.util.OptionalLong;

/**
 * A Maildir file name split as Dovecot reads it: {@code <base>[:2,<info letters>]}, the
 * base possibly carrying {@code ,S=<size>} and {@code ,W=<virtual size>}. The base
 * identifies a message across renames (flag changes); the info letters hold its flags.
 * Immutable.
 *
 * @param base the name before {@code :}, which {@code dovecot-uidlist} records
 * @param info the letters after {@code :2,} in the order found, empty when there are none
 */
public record MaildirFileName(String base, String info) {

    /** Maildir's info separator; Dovecot's default. */
    public static final char INFO_SEPARATOR = ':';

    private static final String INFO_PREFIX = ":2,";

    /** Splits a file name found in {@code cur/} or {@code new/}. */
    public static MaildirFileName parse(String fileName) {
        int colon = fileName.indexOf(INFO_SEPARATOR);
        if (colon < 0) {
            return new MaildirFileName(fileName, "");
        }
        String rest = fileName.substring(colon);
        String info = rest.startsWith(INFO_PREFIX) ? rest.substring(INFO_PREFIX.length()) : "";
        return new MaildirFileName(fileName.substring(0, colon), info);
    }

    /** The base of {@code fileName}: the part before {@code :}. */
    public static String baseOf(String fileName) {
        int colon = fileName.indexOf(INFO_SEPARATOR);
        return colon < 0 ? fileName : fileName.substring(0, colon);
    }

    /** The name in {@code cur/}: base, {@code :2,} and the info letters sorted in ASCII order, as Dovecot writes them. */
    public String format() {
        return base + INFO_PREFIX + sortedLetters(info);
    }

    /** This name with other info letters. */
    public MaildirFileName withInfo(String letters) {
        return new MaildirFileName(base, sortedLetters(letters));
    }

    /** The {@code ,S=} size of the base, if present. */
    public OptionalLong size() {
        return field("S");
    }

    /** The {@code ,W=} virtual size (CRLF line ends) of the base, if present. */
    public OptionalLong virtualSize() {
        return field("W");
    }

    private OptionalLong field(String key) {
        String marker = "," + key + "=";
        int at = base.indexOf(marker);
        if (at < 0) {
            return OptionalLong.empty();
        }
        int start = at + marker.length();
        int end = start;
        while (end < base.length() && Character.isDigit(base.charAt(end)) && end - start < 18) {
            end++;
        }
        if (end == start) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(Long.parseLong(base, start, end, 10));
    }

    /** Distinct letters in ASCII order. */
    static String sortedLetters(String letters) {
        if (isStrictlyAscending(letters)) {
            // the usual case, a name Dovecot or yubin wrote: nothing to do
            return letters;
        }
        return letters.chars().distinct().sorted()
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
    }

    private static boolean isStrictlyAscending(String letters) {
        for (int i = 1; i < letters.length(); i++) {
            if (letters.charAt(i - 1) >= letters.charAt(i)) {
                return false;
            }
        }
        return true;
    }
}
