package org.yubin.e2e;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.yubin.testsupport.TestMailSystem;

/** The packaged server ({@code target/yubin.jar}) as a separate process that a test can kill. */
final class YubinProcess implements AutoCloseable {

    private final Process process;
    private final int httpPort;

    private YubinProcess(Process process, int httpPort) {
        this.process = process;
        this.httpPort = httpPort;
    }

    static YubinProcess start(TestMailSystem mail, Path log) throws IOException, InterruptedException {
        int httpPort = TestMailSystem.freePort();
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-jar", Path.of("target", "yubin.jar").toAbsolutePath().toString(),
                "--server.port=" + httpPort));
        for (Map.Entry<String, String> setting : mail.properties().entrySet()) {
            command.add("--" + setting.getKey() + "=" + setting.getValue());
        }
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
        YubinProcess yubin = new YubinProcess(process, httpPort);
        yubin.awaitHealthy(Duration.ofSeconds(90));
        return yubin;
    }

    private void awaitHealthy(Duration timeout) throws InterruptedException, IOException {
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest health = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + "/actuator/health"))
                .timeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException("yubin exited with " + process.exitValue());
            }
            try {
                HttpResponse<String> response = http.send(health, HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200 && response.body().startsWith("{\"status\":\"UP\"")) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(250);
        }
        throw new IOException("yubin did not become healthy within " + timeout);
    }

    /** SIGKILL: no shutdown hooks, no flushing. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(java.time.Duration.ofSeconds(20).toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
                kill();
            }
        }
    }
}
