package org.yubin.filter;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.time.Duration;
import java.util.List;

import org.yubin.testsupport.TestMailSystem;

/**
 * A private spamd (Debian spamd + spamassassin, rules from the package) for tests: on a
 * free loopback port, offline (no DNS, no network tests, no Bayes), children running as
 * {@code nobody}. Ready when {@code PING} answers {@code PONG}; start-up takes seconds,
 * so share one per test class. {@link #close()} stops it and removes its files.
 */
final class SpamdDaemon implements AutoCloseable {

    private final Path dir;
    private final int port = TestMailSystem.freePort();
    private final Process process;

    SpamdDaemon() {
        try {
            // nobody must reach the site config and the helper home: under /tmp, mode 755
            dir = Files.createTempDirectory("yubin-spamd");
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
            Path site = Files.createDirectories(dir.resolve("site"));
            Path home = Files.createDirectories(dir.resolve("home"));
            UserPrincipal nobody = dir.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("nobody");
            Files.setOwner(home, nobody);
            try (var pre = Files.newDirectoryStream(Path.of("/etc/spamassassin"), "*.pre")) {
                for (Path file : pre) {
                    Files.createSymbolicLink(site.resolve(file.getFileName()), file);
                }
            }
            Files.writeString(site.resolve("local.cf"), String.join("\n", "required_score 5.0", "report_safe 0",
                    "use_bayes 0", "bayes_auto_learn 0", "skip_rbl_checks 1", "dns_available no",
                    "use_razor2 0", "use_pyzor 0", ""));
            process = DaemonProcess.start(List.of("spamd", "-L", "-x", "-i", "127.0.0.1", "-p", Integer.toString(port),
                            "-A", "127.0.0.1/32", "--siteconfigpath=" + site, "--pidfile=" + dir.resolve("spamd.pid"),
                            "--helper-home-dir=" + home, "--max-children=2", "--min-children=1", "--syslog=stderr",
                            "-u", "nobody"),
                    dir.resolve("spamd.log"), Duration.ofSeconds(90), this::pongs);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code tcp:127.0.0.1:<port>}, for {@code yubin.spamd.address}. */
    String address() {
        return "tcp:127.0.0.1:" + port;
    }

    private boolean pongs() {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(2000);
            socket.getOutputStream().write("PING SPAMC/1.5\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII).contains(" PONG");
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public void close() {
        DaemonProcess.stop(process);
        DaemonProcess.deleteTree(dir);
    }
}
