package org.yubin.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Temporary folders under target/, for fixtures that must exist before a Spring context starts. */
public final class Temp {

    private Temp() {
    }

    public static Path dir(String prefix) {
        try {
            Path base = Path.of("target", "test-tmp");
            Files.createDirectories(base);
            return Files.createTempDirectory(base, prefix).toAbsolutePath();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
