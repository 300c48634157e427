package org.yubin.delivery.remote;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.yubin.testsupport.TestMailSystem;

/**
 * Debian's aiosmtpd as the remote MX, with the handler {@code src/test/resources/outbound/sink.py}
 * (which recipients it refuses or defers is described there), STARTTLS with a self-signed
 * certificate made by openssl, on a free loopback port. {@link #close} stops the process.
 */
public final class SmtpSink implements AutoCloseable {

    /** One message the sink accepted: its bytes and the .meta fields (from, to, tls, session). */
    public record Received(byte[] content, Map<String, String> meta) {
        public String text() {
            return new String(content, StandardCharsets.ISO_8859_1);
        }
    }

    private final Path directory;
    private final int port = TestMailSystem.freePort();
    private final Process process;

    public SmtpSink(Path work) {
        try {
            directory = Files.createDirectories(work.resolve("sink"));
            Path cert = work.resolve("sink-cert.pem");
            Path key = work.resolve("sink-key.pem");
            run("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-subj", "/CN=mx.remote.test", "-days", "2",
                    "-keyout", key.toString(), "-out", cert.toString());
            ProcessBuilder builder = new ProcessBuilder("/usr/bin/python3", "-m", "aiosmtpd", "-n", "-l", "127.0.0.1:" + port,
                    "-c", "sink.Sink", "--tlscert", cert.toString(), "--tlskey", key.toString(), directory.toString())
                    .redirectErrorStream(true).redirectOutput(work.resolve("sink.log").toFile());
            builder.environment().put("PYTHONPATH", Path.of("src/test/resources/outbound").toAbsolutePath().toString());
            process = builder.start();
            awaitListening();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public int port() {
        return port;
    }

    /** Waits until the sink has accepted a message whose content contains {@code marker}. */
    public Received await(String marker, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            for (Received received : received()) {
                if (received.text().contains(marker)) {
                    return received;
                }
            }
            Thread.sleep(50);
        }
        throw new AssertionError("the sink got no message with " + marker + " within " + timeout);
    }

    /** Everything accepted so far, in order. */
    public List<Received> received() {
        List<Received> all = new ArrayList<>();
        try (Stream<Path> files = Files.list(directory)) {
            for (Path eml : files.filter(p -> p.toString().endsWith(".eml")).sorted().toList()) {
                Properties meta = new Properties();
                meta.load(Files.newBufferedReader(Path.of(eml.toString().replace(".eml", ".meta"))));
                Map<String, String> fields = new java.util.HashMap<>();
                meta.forEach((k, v) -> fields.put(k.toString(), v.toString()));
                all.add(new Received(Files.readAllBytes(eml), fields));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return all;
    }

    private void awaitListening() throws IOException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException("aiosmtpd exited with " + process.exitValue());
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
                return;
            } catch (IOException notYet) {
                sleep();
            }
        }
        throw new IOException("aiosmtpd did not listen on " + port);
    }

    private static void sleep() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void run(String... command) throws IOException {
        Process openssl = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] output = openssl.getInputStream().readAllBytes();
        try {
            if (!openssl.waitFor(60, TimeUnit.SECONDS) || openssl.exitValue() != 0) {
                throw new IOException(String.join(" ", command) + " failed: " + new String(output, StandardCharsets.UTF_8));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
