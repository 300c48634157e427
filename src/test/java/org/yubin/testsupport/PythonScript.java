package org.yubin.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs a client script of {@code src/test/resources} with Debian's {@code /usr/bin/python3}
 * (imaplib, poplib, smtplib: real clients for the servers under test) and returns what
 * it printed; a script that fails or hangs fails the test with its output.
 */
public final class PythonScript {

    private PythonScript() {
    }

    /** Runs {@code resource} (e.g. {@code imap/imap_state.py}) with {@code args}; its standard output, trimmed. */
    public static String run(String resource, Object... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("/usr/bin/python3", script(resource).toString()));
        for (Object arg : args) {
            command.add(String.valueOf(arg));
        }
        Path errors = Files.createTempFile("python", ".err");
        Process process = new ProcessBuilder(command).redirectError(errors.toFile()).start();
        try {
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("%s still running", resource).isTrue();
            assertThat(process.exitValue()).as("%s failed: %s%s", resource, out, Files.readString(errors)).isZero();
            return out.trim();
        } finally {
            process.destroyForcibly();
            Files.deleteIfExists(errors);
        }
    }

    private static Path script(String resource) {
        try {
            var url = PythonScript.class.getClassLoader().getResource(resource);
            if (url == null) {
                throw new IllegalArgumentException("no test resource " + resource);
            }
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new UncheckedIOException(new IOException(e));
        }
    }
}
