package org.yubin.queue;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Optional;
import java.util.Properties;

/**
 * Where the running server's broker takes admin connections: a loopback port and a
 * secret, in {@code <data-dir>/queue/admin.properties} (mode 0600, so only the mail
 * system's owner can read it). Written when the server's broker starts, removed when
 * it stops; a file left behind by {@code kill -9} names a port nobody answers on.
 *
 * @param port   TCP port on 127.0.0.1
 * @param secret password of {@link #USER}
 */
public record QueueAdminEndpoint(int port, String secret) {

    /** The one user the admin acceptor knows. */
    public static final String USER = "yubin-admin";

    /** The file in a queue directory ({@code <data-dir>/queue}). */
    public static Path file(Path queueDirectory) {
        return queueDirectory.resolve("admin.properties");
    }

    /** A fresh 256-bit secret, hex. */
    static String newSecret() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    /** The endpoint the file names, empty when there is none (server not started yet, or stopped). */
    public static Optional<QueueAdminEndpoint> read(Path file) throws IOException {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.ISO_8859_1)) {
            properties.load(reader);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
        try {
            int port = Integer.parseInt(properties.getProperty("port", ""));
            String secret = properties.getProperty("secret", "");
            return port > 0 && port < 65536 && !secret.isEmpty()
                    ? Optional.of(new QueueAdminEndpoint(port, secret)) : Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** Writes the file atomically, readable by its owner only from the first byte on. */
    void write(Path file) throws IOException {
        Path temp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.deleteIfExists(temp);
        try {
            Files.createFile(temp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException | FileAlreadyExistsException e) {
            throw new IOException("cannot create " + temp + " with mode 0600", e);
        }
        Properties properties = new Properties();
        properties.setProperty("port", Integer.toString(port));
        properties.setProperty("secret", secret);
        try (Writer writer = Files.newBufferedWriter(temp, StandardCharsets.ISO_8859_1)) {
            properties.store(writer, "yubin queue admin endpoint; the server rewrites this file at every start");
        }
        Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    @Override
    public String toString() {
        return "127.0.0.1:" + port;
    }
}
