package org.yubin.imap.message;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the calendar date of a Date: header (RFC 5322 section 3.3) leniently, in the
 * header's own zone as SENTBEFORE/SENTON/SENTSINCE want it: the day name, seconds and zone
 * may be missing, the month may be spelled out, two-digit years are read as RFC 5322 4.3
 * says.
 */
final class SentDate {

    private static final Pattern DATE = Pattern.compile(
            "(?:[A-Za-z]+\\s*,?\\s*)?(\\d{1,2})[\\s-]+([A-Za-z]{3})[A-Za-z]*\\.?[\\s-]+(\\d{2,4})\\b");
    private static final String MONTHS = "janfebmaraprmayjunjulaugsepoctnovdec";

    private SentDate() {
    }

    static Optional<LocalDate> parse(String value) {
        if (value == null) {
            return Optional.empty();
        }
        Matcher m = DATE.matcher(value);
        if (!m.find()) {
            return Optional.empty();
        }
        int month = MONTHS.indexOf(m.group(2).toLowerCase(Locale.ROOT));
        if (month < 0 || month % 3 != 0) {
            return Optional.empty();
        }
        int year = Integer.parseInt(m.group(3));
        if (m.group(3).length() == 2) {
            year += year < 50 ? 2000 : 1900;
        } else if (m.group(3).length() == 3) {
            year += 1900;
        }
        try {
            return Optional.of(LocalDate.of(year, month / 3 + 1, Integer.parseInt(m.group(1))));
        } catch (DateTimeException e) {
            return Optional.empty();
        }
    }
}
