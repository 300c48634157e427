package org.yubin.admin;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

import org.yubin.config.YubinProperties;

/**
 * {@code ops/yubin}: the admin command line. {@code yubin <verb> <args>}; each verb is
 * one {@link CliCommand}. Exit status 0 on success, 1 on failure, 2 on a usage error;
 * failures print one line {@code yubin: <verb> <sub>: <reason>} on standard error.
 */
public final class YubinCli {

    /** The verbs; add a new one here. */
    static final List<CliCommand> COMMANDS = List.of(new UserCommand(), new QueueCommand(), new DkimCommand(),
            new RoutesCommand());

    private YubinCli() {
    }

    public static void main(String[] args) {
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        System.exit(run(args, CliConfiguration::load, in, System.out, System.err, System.console()));
    }

    /**
     * Runs one command line and returns its exit status (never calls System.exit).
     *
     * @param properties loaded only when a verb needs them, so usage errors are fast
     */
    public static int run(String[] args, Supplier<YubinProperties> properties, BufferedReader in,
            PrintStream out, PrintStream err, java.io.Console console) {
        if (args.length == 0 || args[0].equals("help") || args[0].equals("--help")) {
            printUsage(args.length == 0 ? err : out);
            return args.length == 0 ? 2 : 0;
        }
        Optional<CliCommand> command = COMMANDS.stream().filter(c -> c.name().equals(args[0])).findFirst();
        if (command.isEmpty()) {
            err.println("yubin: unknown command '" + args[0] + "' (try: yubin help)");
            return 2;
        }
        try {
            CliContext context = new CliContext(properties.get(), in, out, console);
            command.get().run(Arrays.asList(args).subList(1, args.length), context);
            out.flush();
            return 0;
        } catch (CliException e) {
            err.println("yubin: " + e.getMessage());
            return e.exitCode();
        } catch (RuntimeException e) {
            // configuration errors and the like: one line, the root cause
            Throwable root = e;
            while (root.getCause() != null) {
                root = root.getCause();
            }
            err.println("yubin: " + args[0] + ": " + root.getMessage());
            return 1;
        }
    }

    private static void printUsage(PrintStream to) {
        to.println("usage:");
        COMMANDS.forEach(c -> c.usage().forEach(line -> to.println("  yubin " + line)));
    }
}
