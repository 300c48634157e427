package org.yubin.admin;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;

import org.yubin.config.YubinProperties;

/** Runs {@link YubinCli} in-process with given settings and standard input. */
final class CliRunner {

    record Result(int exitCode, String out, String err) { }

    private final YubinProperties properties;

    CliRunner(YubinProperties properties) {
        this.properties = properties;
    }

    Result runWithInput(String stdin, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = YubinCli.run(args, () -> properties, new BufferedReader(new StringReader(stdin)),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                null);
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    Result run(String... args) {
        return runWithInput("", args);
    }
}
