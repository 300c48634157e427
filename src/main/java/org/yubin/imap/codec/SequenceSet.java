package org.yubin.imap.codec;

import java.util.ArrayList;
import java.util.List;

/**
 * An IMAP sequence set (RFC 3501 section 9, {@code sequence-set}): {@code 1,3:5,7:*}.
 * {@code *} stands for the largest number in use, which is only known when the set is
 * applied ({@link #contains(long, long)}). Numbers are 1..4294967295; a range may be
 * written backwards ({@code 5:3}). Immutable.
 */
public final class SequenceSet {

    /** Stands for {@code *} until resolved. */
    private static final long STAR = -1;
    private static final long MAX_NUMBER = 0xFFFF_FFFFL;
    /** Guards against sets built to make every lookup slow. */
    private static final int MAX_RANGES = 10_000;

    private final List<long[]> ranges;

    private SequenceSet(List<long[]> ranges) {
        this.ranges = ranges;
    }

    /**
     * Parses a sequence set.
     *
     * @throws IllegalArgumentException if it is not one (the caller answers {@code BAD})
     */
    public static SequenceSet parse(String text) {
        if (text == null || text.isEmpty()) {
            throw new IllegalArgumentException("empty sequence set");
        }
        List<long[]> ranges = new ArrayList<>();
        for (String part : text.split(",", -1)) {
            if (ranges.size() == MAX_RANGES) {
                throw new IllegalArgumentException("sequence set too long");
            }
            int colon = part.indexOf(':');
            long first = number(colon < 0 ? part : part.substring(0, colon));
            long last = colon < 0 ? first : number(part.substring(colon + 1));
            ranges.add(new long[] {first, last});
        }
        return new SequenceSet(List.copyOf(ranges));
    }

    /** Whether the text looks like a sequence set (digits, {@code * : ,}), as SEARCH must tell keys from sets. */
    public static boolean looksLikeSequenceSet(String text) {
        if (text.isEmpty()) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!(c >= '0' && c <= '9') && c != '*' && c != ':' && c != ',') {
                return false;
            }
        }
        return true;
    }

    private static long number(String text) {
        if (text.equals("*")) {
            return STAR;
        }
        if (text.isEmpty() || text.length() > 10 || text.charAt(0) == '0' || !text.chars().allMatch(Character::isDigit)) {
            throw new IllegalArgumentException("bad number in sequence set: " + text);
        }
        long n = Long.parseLong(text);
        if (n > MAX_NUMBER) {
            throw new IllegalArgumentException("number out of range in sequence set: " + text);
        }
        return n;
    }

    /** Whether {@code n} is in the set, {@code *} meaning {@code largest} (0 in an empty mailbox). */
    public boolean contains(long n, long largest) {
        for (long[] range : ranges) {
            long a = range[0] == STAR ? largest : range[0];
            long b = range[1] == STAR ? largest : range[1];
            if (n >= Math.min(a, b) && n <= Math.max(a, b)) {
                return true;
            }
        }
        return false;
    }

    /** The set's ranges with {@code *} resolved to {@code largest}, each as {low, high}. */
    public List<long[]> ranges(long largest) {
        List<long[]> resolved = new ArrayList<>(ranges.size());
        for (long[] range : ranges) {
            long a = range[0] == STAR ? largest : range[0];
            long b = range[1] == STAR ? largest : range[1];
            resolved.add(new long[] {Math.min(a, b), Math.max(a, b)});
        }
        return resolved;
    }

    /** Whether {@code *} appears, which makes a UID set match the highest UID even when it is below the range. */
    public boolean usesStar() {
        for (long[] range : ranges) {
            if (range[0] == STAR || range[1] == STAR) {
                return true;
            }
        }
        return false;
    }

    /** IMAP text of a UID list, compressed to ranges: {@code 4,7:9} (COPYUID, APPENDUID, SEARCH ALL). */
    public static String format(List<Long> sortedNumbers) {
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < sortedNumbers.size()) {
            long start = sortedNumbers.get(i);
            long end = start;
            while (i + 1 < sortedNumbers.size() && sortedNumbers.get(i + 1) == end + 1) {
                end = sortedNumbers.get(++i);
            }
            if (out.length() > 0) {
                out.append(',');
            }
            out.append(start);
            if (end != start) {
                out.append(':').append(end);
            }
            i++;
        }
        return out.toString();
    }
}
