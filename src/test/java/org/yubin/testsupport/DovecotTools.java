package org.yubin.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Dovecot's tools without its master process, over the Maildir {@code <dir>/home/Maildir}:
 * {@code doveadm} and the {@code imap} binary in PREAUTH mode on stdin/stdout, both with a
 * {@code dovecot.conf} in {@code dir} that has the seed's {@code separator = .}. For tests
 * that compare what yubin and Dovecot read from, or write to, the same files;
 * {@link DovecotServer} is the full server with listeners.
 *
 * <p>Dovecot refuses mail access as root: as root, {@code dir} is handed to {@code nobody}
 * before each run (yubin may have written files since), otherwise the current user runs
 * the tools. Not thread-safe.
 */
public final class DovecotTools {

    private static final Path DOVEADM = Path.of("/usr/bin/doveadm");
    private static final Path IMAP = Path.of("/usr/lib/dovecot/imap");

    private final Path dir;
    private final Path config;
    private final String user;

    private DovecotTools(Path dir, Path config, String user) {
        this.dir = dir;
        this.config = config;
        this.user = user;
    }

    public static boolean doveadmInstalled() {
        return Files.isExecutable(DOVEADM);
    }

    public static boolean imapInstalled() {
        return Files.isExecutable(IMAP);
    }

    /** Writes the configuration in {@code dir}; the Maildir need not exist yet. */
    public static DovecotTools in(Path dir) throws IOException {
        String[] owner = root() ? new String[] {"nobody", "nogroup"} : ownerOf(dir);
        for (String sub : List.of("run", "state")) {
            Files.createDirectories(dir.resolve(sub));
        }
        Path config = dir.resolve("dovecot.conf");
        Files.writeString(config, String.join("\n",
                "mail_location = maildir:" + dir.resolve("home/Maildir"),
                "base_dir = " + dir.resolve("run"),
                "state_dir = " + dir.resolve("state"),
                "log_path = " + dir.resolve("dovecot.log"),
                "ssl = no",
                "mail_uid = " + owner[0],
                "mail_gid = " + owner[1],
                "first_valid_uid = 1",
                "first_valid_gid = 1",
                "namespace inbox {", "  inbox = yes", "  separator = .", "}", ""));
        return new DovecotTools(dir, config, owner[0]);
    }

    /** The user's home; its {@code Maildir} is the one the tools read. */
    public Path home() {
        return dir.resolve("home");
    }

    public Path maildir() {
        return home().resolve("Maildir");
    }

    /** Runs doveadm and returns its output; it must succeed (its errors are in the failure message). */
    public String doveadm(String... command) throws Exception {
        return doveadmWithInput(null, command);
    }

    /** Runs doveadm with {@code input} (or nothing) on its stdin, as {@link #doveadm}. */
    public String doveadmWithInput(String input, String... command) throws Exception {
        handOver();
        Path errors = dir.resolve("doveadm.err");
        ProcessBuilder builder = new ProcessBuilder(Stream.concat(Stream.of(DOVEADM.toString(), "-c", config.toString()),
                Stream.of(command)).toList());
        builder.redirectError(ProcessBuilder.Redirect.appendTo(errors.toFile()));
        builder.environment().putAll(Map.of("USER", user, "HOME", home().toString()));
        Process process = builder.start();
        try {
            if (input != null) {
                process.getOutputStream().write(input.getBytes(StandardCharsets.UTF_8));
            }
            process.getOutputStream().close();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(process.exitValue())
                    .as(() -> String.join(" ", command) + ": " + output + readIfThere(errors)).isZero();
            return output;
        } finally {
            process.destroyForcibly();
        }
    }

    /**
     * Starts the imap binary logged in (PREAUTH) on its stdin and stdout, its errors going
     * to {@code imap.err}; the caller ends it.
     */
    public Process startImap() throws IOException {
        handOver();
        ProcessBuilder builder = new ProcessBuilder(IMAP.toString(), "-c", config.toString());
        builder.environment().clear();
        builder.environment().putAll(Map.of("USER", user, "HOME", home().toString(), "PATH", "/usr/bin:/bin"));
        builder.redirectError(dir.resolve("imap.err").toFile());
        return builder.start();
    }

    private void handOver() throws IOException {
        if (root()) {
            DovecotServer.handOver(dir);
        }
    }

    private static boolean root() {
        return "root".equals(System.getProperty("user.name"));
    }

    private static String[] ownerOf(Path dir) throws IOException {
        PosixFileAttributes attributes = Files.readAttributes(dir, PosixFileAttributes.class);
        return new String[] {attributes.owner().getName(), attributes.group().getName()};
    }

    private static String readIfThere(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file) : "";
        } catch (IOException e) {
            return "";
        }
    }
}
