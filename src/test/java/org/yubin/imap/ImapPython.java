package org.yubin.imap;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs a Python script (sockets with a 30 s timeout) using imaplib against the server under test, as a real client
 * does: {@code HOST}, {@code PORT}, {@code USER}, {@code PASS} and the given variables
 * in the environment. The script prints what the test checks.
 */
final class ImapPython {

    private ImapPython() {
    }

    /** The script's output; fails with it when it exits non-zero or runs over a minute. */
    static String run(String script, Map<String, String> environment) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder("/usr/bin/python3", "-u", "-c", script);
        builder.environment().putAll(environment);
        builder.redirectErrorStream(true);
        Process process = builder.start();
        try {
            // the scripts' sockets time out after 30 s, so the output ends
            byte[] out = process.getInputStream().readAllBytes();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                throw new AssertionError("python did not finish");
            }
            String output = new String(out, StandardCharsets.UTF_8);
            if (process.exitValue() != 0) {
                throw new AssertionError("python failed:\n" + output);
            }
            return output;
        } finally {
            process.destroyForcibly();
        }
    }
}
