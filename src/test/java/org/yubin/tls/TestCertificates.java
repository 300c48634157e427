package org.yubin.tls;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Certificates for tests, made by the {@code openssl} command as an administrator would:
 * a key of the given kind and a self-signed certificate for one host name.
 */
public final class TestCertificates {

    /** The key formats yubin reads. */
    public enum KeyKind {
        RSA_PKCS8("genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048", "-out"),
        RSA_TRADITIONAL("genrsa", "-traditional", "-out"),
        EC_PKCS8("genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-out"),
        /** With an {@code EC PARAMETERS} block before the key, as {@code openssl ecparam -genkey} writes it. */
        EC_TRADITIONAL("ecparam", "-genkey", "-name", "prime256v1", "-out");

        private final List<String> command;

        KeyKind(String... command) {
            this.command = List.of(command);
        }
    }

    /** A certificate file and its key file. */
    public record Pair(Path cert, Path key) {
    }

    private TestCertificates() {
    }

    /** Writes {@code <name>.crt} and {@code <name>.key} into {@code dir}; {@code subject} like {@code /O=v2}. */
    public static Pair create(Path dir, String name, String hostname, KeyKind kind, String subject) {
        Path key = dir.resolve(name + ".key");
        Path cert = dir.resolve(name + ".crt");
        List<String> keygen = new ArrayList<>(List.of("openssl"));
        keygen.addAll(kind.command);
        keygen.add(key.toString());
        if (kind == KeyKind.RSA_TRADITIONAL) {
            keygen.add("2048");
        }
        run(keygen);
        run(List.of("openssl", "req", "-x509", "-new", "-key", key.toString(), "-days", "30",
                "-subj", subject + "/CN=" + hostname, "-addext", "subjectAltName=DNS:" + hostname,
                "-out", cert.toString()));
        return new Pair(cert, key);
    }

    public static Pair create(Path dir, String name, String hostname, KeyKind kind) {
        return create(dir, name, hostname, kind, "");
    }

    /** Runs a command, failing with its output if it fails. */
    public static String run(List<String> command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
            try {
                String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                    throw new IllegalStateException(command + " failed: " + output);
                }
                return output;
            } finally {
                process.destroyForcibly();
            }
        } catch (IOException e) {
            throw new IllegalStateException(command + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(command + " interrupted", e);
        }
    }

    /** Overwrites {@code target} with the content of {@code source}, as an administrator's {@code cp} does. */
    public static void copy(Path source, Path target) throws IOException {
        Files.write(target, Files.readAllBytes(source));
    }
}
