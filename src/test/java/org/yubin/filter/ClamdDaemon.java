package org.yubin.filter;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;

/**
 * A private clamd (Debian clamav-daemon) for tests: a unix socket in a temporary folder
 * and a one-signature database that detects EICAR as {@value #SIGNATURE} — no download
 * needed. Ready when {@code zPING} answers {@code PONG}. {@link #stop()} and
 * {@link #start()} simulate an outage; {@link #close()} stops it and removes its files.
 */
final class ClamdDaemon implements AutoCloseable {

    /** What clamd reports for EICAR: our signature name, marked unofficial. */
    static final String SIGNATURE = "Test.EICAR.UNOFFICIAL";

    private final Path dir;
    private final ClamdClient client;
    private Process process;

    ClamdDaemon() {
        try {
            dir = Files.createTempDirectory("yubin-clamd");
            Files.createDirectories(dir.resolve("db"));
            Files.writeString(dir.resolve("db/eicar.ndb"), "Test.EICAR:0:*:"
                    + HexFormat.of().formatHex(FilterTestSupport.EICAR.getBytes(StandardCharsets.US_ASCII)) + "\n");
            Files.writeString(dir.resolve("clamd.conf"), String.join("\n",
                    "LocalSocket " + socket(), "LocalSocketMode 666", "FixStaleSocket yes",
                    "DatabaseDirectory " + dir.resolve("db"), "TemporaryDirectory " + dir,
                    "PidFile " + dir.resolve("clamd.pid"), "Foreground yes", "StreamMaxLength 30M",
                    "MaxThreads 4", "") );
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        client = new ClamdClient(DaemonAddress.parse("test", address()), Duration.ofSeconds(2));
        start();
    }

    private Path socket() {
        return dir.resolve("clamd.sock");
    }

    /** {@code unix:/tmp/.../clamd.sock}, for {@code yubin.clamd.address}. */
    String address() {
        return "unix:" + socket();
    }

    void start() {
        process = DaemonProcess.start(List.of("clamd", "-c", dir.resolve("clamd.conf").toString()),
                dir.resolve("clamd.log"), Duration.ofSeconds(60), client::ping);
    }

    void stop() {
        DaemonProcess.stop(process);
        process = null;
    }

    @Override
    public void close() {
        stop();
        DaemonProcess.deleteTree(dir);
    }
}
