package org.yubin.directory;

import java.util.Locale;

/**
 * The {@code mailQuota} attribute's value: a number of bytes, optionally followed by
 * {@code K}, {@code M}, {@code G} or {@code T} (binary multiples, any case, an optional
 * {@code B} after them), e.g. {@code 1073741824}, {@code 512M}, {@code 2GB}. 0 means no limit.
 */
public final class QuotaSize {

    private QuotaSize() {
    }

    /**
     * The size in bytes.
     *
     * @throws IllegalArgumentException when it is no such size, negative, or more than a {@code long} holds
     */
    public static long parse(String value) {
        String text = value.trim().toUpperCase(Locale.ROOT);
        if (text.endsWith("B") && text.length() > 1 && !Character.isDigit(text.charAt(text.length() - 2))) {
            text = text.substring(0, text.length() - 1);
        }
        int shift = 0;
        if (!text.isEmpty()) {
            shift = switch (text.charAt(text.length() - 1)) {
                case 'K' -> 10;
                case 'M' -> 20;
                case 'G' -> 30;
                case 'T' -> 40;
                default -> 0;
            };
        }
        String digits = shift == 0 ? text : text.substring(0, text.length() - 1).trim();
        if (digits.isEmpty() || digits.length() > 18 || !digits.chars().allMatch(Character::isDigit)) {
            throw new IllegalArgumentException("not a size in bytes (digits, then K, M, G or T)");
        }
        long number = Long.parseLong(digits);
        if (number > (Long.MAX_VALUE >> shift)) {
            throw new IllegalArgumentException("size too large");
        }
        return number << shift;
    }
}
