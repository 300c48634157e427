package org.yubin.filter.spf;

import java.util.Locale;

/** The results of RFC 7208 section 2.6; {@link #toString()} is the RFC 8601 keyword. */
public enum SpfResult {
    PASS, FAIL, SOFTFAIL, NEUTRAL, NONE, TEMPERROR, PERMERROR;

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
