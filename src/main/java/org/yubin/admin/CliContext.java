package org.yubin.admin;

import java.io.BufferedReader;
import java.io.Console;
import java.io.PrintStream;

import org.yubin.config.YubinProperties;

/**
 * What a command runs with: the server's configuration and the terminal.
 *
 * @param console the interactive terminal, or null when input is piped (then passwords
 *     are read as the first line of {@code in})
 */
public record CliContext(YubinProperties properties, BufferedReader in, PrintStream out, Console console) {
}
