package org.yubin.filter.dkim;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Debian's python3-dkim (dkimpy) as the reference peer: verifies with a key record given
 * directly (its {@code dnsfunc}, no DNS) and signs with a given key.
 */
public final class PythonDkim {

    private static final String VERIFY = """
            import sys, dkim
            message = open(sys.argv[1], 'rb').read().replace(b'\\r\\n', b'\\n').replace(b'\\n', b'\\r\\n')
            record = sys.argv[2].encode()
            try:
                print('pass' if dkim.DKIM(message).verify(dnsfunc=lambda name, timeout=5: record) else 'fail')
            except dkim.ValidationError as e:
                print('fail', e)
            """;

    private static final String SIGN = """
            import sys, dkim
            message = open(sys.argv[1], 'rb').read()
            key = open(sys.argv[2], 'rb').read()
            header, body = sys.argv[6].encode().split(b'/')
            field = dkim.sign(message, sys.argv[3].encode(), sys.argv[4].encode(), key,
                              include_headers=[b'from', b'to', b'subject', b'date', b'message-id'],
                              signature_algorithm=sys.argv[5].encode(), canonicalize=(header, body))
            sys.stdout.buffer.write(field + message)
            """;

    private PythonDkim() {
    }

    /** {@code pass} or {@code fail}, as dkimpy sees the top signature of {@code message}. */
    public static String verify(byte[] message, String recordValue) throws IOException, InterruptedException {
        Path file = Files.createTempFile("dkim-verify", ".eml");
        try {
            Files.write(file, message);
            return new String(python(VERIFY, file.toString(), recordValue), StandardCharsets.US_ASCII).strip();
        } finally {
            Files.delete(file);
        }
    }

    /** {@code message} with a signature by dkimpy on top. */
    public static byte[] sign(byte[] message, String domain, String selector, PrivateKey key, String canonicalization)
            throws IOException, InterruptedException {
        Path messageFile = Files.createTempFile("dkim-sign", ".eml");
        Path keyFile = Files.createTempFile("dkim-sign", ".key");
        try {
            Files.write(messageFile, message);
            DkimAlgorithm algorithm = DkimAlgorithm.forKey(key);
            // dkimpy reads RSA keys as PEM and Ed25519 keys as the base64 of the 32-byte seed
            byte[] encoded = key.getEncoded();
            Files.writeString(keyFile, algorithm == DkimAlgorithm.RSA_SHA256 ? DkimKeys.pem(key)
                    : Base64.getEncoder().encodeToString(Arrays.copyOfRange(encoded, encoded.length - 32, encoded.length)));
            return python(SIGN, messageFile.toString(), keyFile.toString(), selector, domain, algorithm.tag(),
                    canonicalization);
        } finally {
            Files.delete(messageFile);
            Files.delete(keyFile);
        }
    }

    private static byte[] python(String script, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("/usr/bin/python3", "-c", script));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        try {
            byte[] out = process.getInputStream().readAllBytes();
            if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IOException("python3-dkim failed: " + command.subList(3, command.size()));
            }
            return out;
        } finally {
            process.destroyForcibly();
        }
    }
}
