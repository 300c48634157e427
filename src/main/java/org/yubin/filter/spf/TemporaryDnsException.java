package org.yubin.filter.spf;

/** DNS did not answer usefully (SERVFAIL, timeout): the check's result is {@code temperror}. */
public final class TemporaryDnsException extends Exception {

    public TemporaryDnsException(String message) {
        super(message, null, false, false);
    }
}
