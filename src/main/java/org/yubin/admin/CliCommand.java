package org.yubin.admin;

import java.util.List;

/**
 * One verb of {@code ops/yubin} ({@code user}, later {@code queue}, {@code dkim},
 * {@code list}, {@code routes}): register it in {@link YubinCli#COMMANDS}.
 */
public interface CliCommand {

    /** The verb, e.g. {@code user}. */
    String name();

    /** One line per sub-command, without the leading {@code yubin}. */
    List<String> usage();

    /**
     * Runs the verb with the arguments after it. Output goes to {@code context.out()}.
     *
     * @throws CliException on bad input or failure, with the one-line message to print
     */
    void run(List<String> args, CliContext context) throws CliException;
}
