package org.yubin.filter.dkim;

import java.util.List;

/** Finds DKIM key records: the TXT records of {@code <selector>._domainkey.<domain>}. */
@FunctionalInterface
public interface KeyLookup {

    /**
     * The TXT records of {@code name}, each with its strings joined; empty when the name or
     * the record does not exist.
     *
     * @throws KeyLookupException DNS did not answer usefully (a temporary error)
     */
    List<String> txt(String name) throws KeyLookupException;

    /** DNS failed in a way that may go away: SERVFAIL, timeout, network trouble. */
    final class KeyLookupException extends Exception {
        public KeyLookupException(String message) {
            super(message);
        }
    }
}
