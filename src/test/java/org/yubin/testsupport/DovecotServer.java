package org.yubin.testsupport;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A private Dovecot 2.3 (Debian's dovecot-imapd and dovecot-pop3d) for interop tests:
 * IMAP and POP3 on free loopback ports, users from a passwd-file with password
 * {@value TestMailSystem#PASSWORD}, mail in {@code <home>/Maildir} as yubin keeps it,
 * the seed's settings that matter to clients ({@code separator = .},
 * {@code pop3_uidl_format = %08Xu%08Xv}, plaintext logins allowed).
 *
 * <p>Dovecot's master must start as root and never gives mail access to root, so the
 * mail processes run as {@code nobody}: {@link #handOver} makes a Maildir theirs
 * (what an administrator does when moving mail between the servers). Tests call
 * {@link #available()} first. {@link #close()} stops it.
 */
public final class DovecotServer implements AutoCloseable {

    private static final Path DOVECOT = Path.of("/usr/sbin/dovecot");
    private static final Path IMAP_BINARY = Path.of("/usr/lib/dovecot/imap");

    private final Process process;
    private final Path dir;
    private final int imapPort;
    private final int pop3Port;

    private DovecotServer(Process process, Path dir, int imapPort, int pop3Port) {
        this.process = process;
        this.dir = dir;
        this.imapPort = imapPort;
        this.pop3Port = pop3Port;
    }

    /** Whether Dovecot is installed and this JVM may start it (root). */
    public static boolean available() {
        return Files.isExecutable(DOVECOT) && Files.isExecutable(IMAP_BINARY)
                && "root".equals(System.getProperty("user.name"));
    }

    /**
     * Starts Dovecot in {@code dir} for the users of {@code homes} (login to home
     * directory), which {@link #handOver} gets ready first.
     */
    public static DovecotServer start(Path dir, Map<String, Path> homes) throws IOException, InterruptedException {
        Files.createDirectories(dir);
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        for (String sub : List.of("run", "state")) {
            Files.createDirectories(dir.resolve(sub));
        }
        StringBuilder passwd = new StringBuilder();
        for (Map.Entry<String, Path> user : homes.entrySet()) {
            handOver(user.getValue());
            passwd.append(user.getKey()).append(":{PLAIN}").append(TestMailSystem.PASSWORD)
                    .append(":65534:65534::").append(user.getValue().toAbsolutePath()).append("::\n");
        }
        Path users = dir.resolve("users.passwd");
        Files.writeString(users, passwd.toString(), StandardCharsets.UTF_8);
        int imapPort = TestMailSystem.freePort();
        int pop3Port = TestMailSystem.freePort();
        Path conf = dir.resolve("dovecot.conf");
        Files.writeString(conf, String.join("\n",
                "instance_name = dovecot-test-" + imapPort,
                "base_dir = " + dir.resolve("run"),
                "state_dir = " + dir.resolve("state"),
                "log_path = " + dir.resolve("dovecot.log"),
                "protocols = imap pop3",
                "listen = 127.0.0.1",
                "ssl = no",
                "disable_plaintext_auth = no",
                "auth_mechanisms = plain login",
                "mail_location = maildir:~/Maildir",
                "first_valid_uid = 1",
                "first_valid_gid = 1",
                "default_internal_user = dovecot",
                "default_login_user = dovenull",
                "pop3_uidl_format = %08Xu%08Xv",
                "passdb {", "  driver = passwd-file", "  args = scheme=PLAIN username_format=%u " + users, "}",
                "userdb {", "  driver = passwd-file", "  args = username_format=%u " + users, "}",
                "namespace inbox {", "  inbox = yes", "  separator = .", "}",
                "service imap-login {", "  inet_listener imap {", "    port = " + imapPort, "  }",
                "  inet_listener imaps {", "    port = 0", "  }", "}",
                "service pop3-login {", "  inet_listener pop3 {", "    port = " + pop3Port, "  }",
                "  inet_listener pop3s {", "    port = 0", "  }", "}",
                ""));
        Process process = new ProcessBuilder(DOVECOT.toString(), "-F", "-c", conf.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("dovecot.out").toFile()).start();
        DovecotServer server = new DovecotServer(process, dir, imapPort, pop3Port);
        try {
            server.awaitPort(imapPort);
            server.awaitPort(pop3Port);
        } catch (IOException | RuntimeException e) {
            server.close();
            throw e;
        }
        return server;
    }

    /** Gives {@code home} and everything below it to {@code nobody}, as Dovecot's mail processes run as that user. */
    public static void handOver(Path home) throws IOException {
        Files.createDirectories(home);
        UserPrincipalLookupService lookup = home.getFileSystem().getUserPrincipalLookupService();
        var nobody = lookup.lookupPrincipalByName("nobody");
        var nogroup = lookup.lookupPrincipalByGroupName("nogroup");
        for (Path parent = home.toAbsolutePath().getParent(); parent != null; parent = parent.getParent()) {
            // Dovecot (as nobody) must reach the home through every parent
            var permissions = Files.getPosixFilePermissions(parent);
            permissions.add(PosixFilePermission.OTHERS_EXECUTE);
            Files.setPosixFilePermissions(parent, permissions);
        }
        try (Stream<Path> tree = Files.walk(home)) {
            for (Path path : tree.toList()) {
                PosixFileAttributeView view = Files.getFileAttributeView(path, PosixFileAttributeView.class);
                view.setOwner(nobody);
                view.setGroup(nogroup);
            }
        }
    }

    public int imapPort() {
        return imapPort;
    }

    public int pop3Port() {
        return pop3Port;
    }

    /** Dovecot's log, for assertion messages. */
    public String log() throws IOException {
        Path log = dir.resolve("dovecot.log");
        return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
    }

    private void awaitPort(int port) throws IOException, InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IOException("dovecot exited: " + Files.readString(dir.resolve("dovecot.out")) + log());
            }
            try (Socket ignored = new Socket(InetAddress.getLoopbackAddress(), port)) {
                return;
            } catch (IOException notYet) {
                Thread.sleep(100);
            }
        }
        throw new IOException("dovecot does not listen on " + port + ": " + log());
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }
}
