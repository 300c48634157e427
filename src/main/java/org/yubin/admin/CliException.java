package org.yubin.admin;

/**
 * Bad input or a failed operation: the command line prints {@code yubin: <where>: <reason>}
 * on one line and exits non-zero, without a stack trace.
 */
public class CliException extends Exception {

    private final int exitCode;

    public CliException(String where, String reason) {
        this(where, reason, 1);
    }

    /** @param exitCode 2 for usage errors (as getopt tools do), 1 otherwise */
    public CliException(String where, String reason, int exitCode) {
        super(where + ": " + reason);
        this.exitCode = exitCode;
    }

    public int exitCode() {
        return exitCode;
    }
}
