package org.dsa110.contimg.app.ops;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.dsa110.contimg.contract.json.Json;
import org.dsa110.contimg.contract.testing.FreePorts;

/**
 * A real Prometheus server (Debian's {@code prometheus}) on loopback for a test: one job scraping one target every
 * second, evaluating the project's {@code ops/prometheus/alerts.yml}, its data in a directory of the test's, and
 * the answers of its HTTP API.
 */
public final class LocalPrometheus implements AutoCloseable {

    public static final Path BINARY = Path.of("/usr/bin/prometheus");
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final Process process;
    private final String url;
    private final Path log;

    private LocalPrometheus(Process process, String url, Path log) {
        this.process = process;
        this.url = url;
        this.log = log;
    }

    public static boolean installed() {
        return Files.isExecutable(BINARY);
    }

    /** Starts scraping {@code target} ({@code host:port}, path {@code /metrics}) as {@code job}; returns once ready. */
    public static LocalPrometheus scraping(String job, String target, Path work) throws IOException {
        Files.createDirectories(work);
        Path config = work.resolve("prometheus.yml");
        Files.writeString(
                config,
                String.join(
                        "\n",
                        "global:",
                        "  scrape_interval: 1s",
                        "  evaluation_interval: 1s",
                        "rule_files:",
                        "  - " + Project.root().resolve("ops/prometheus/alerts.yml"),
                        "scrape_configs:",
                        "  - job_name: " + job,
                        "    static_configs:",
                        "      - targets: [\"" + target + "\"]",
                        ""));
        String address = "127.0.0.1:" + FreePorts.pick();
        Path log = work.resolve("prometheus.log");
        Process process = new ProcessBuilder(
                        BINARY.toString(),
                        "--config.file=" + config,
                        "--storage.tsdb.path=" + work.resolve("data"),
                        "--web.listen-address=" + address,
                        "--log.level=warn")
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        var prometheus = new LocalPrometheus(process, "http://" + address, log);
        try {
            Awaitility.await()
                    .atMost(Duration.ofSeconds(30))
                    .pollInterval(Duration.ofMillis(200))
                    .until(() -> {
                        if (!process.isAlive()) {
                            throw new IllegalStateException("prometheus exited: " + Files.readString(log));
                        }
                        return prometheus.status("/-/ready") == 200;
                    });
        } catch (RuntimeException e) {
            prometheus.close();
            throw e;
        }
        return prometheus;
    }

    /** The value of an instant query that returns one sample, or {@code NaN} when it returns none. */
    public double value(String promql) {
        JsonNode result = get("/api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8))
                .path("data")
                .path("result");
        if (result.size() != 1) {
            return Double.NaN;
        }
        return Double.parseDouble(result.get(0).path("value").get(1).asText());
    }

    /** {@code GET /api/v1/rules}: the rule groups with each rule's health and last error. */
    public JsonNode rules() {
        return get("/api/v1/rules").path("data").path("groups");
    }

    /** What the server wrote to its log (for a failing assertion). */
    public String log() throws IOException {
        return Files.readString(log);
    }

    private JsonNode get(String path) {
        try {
            var response = HTTP.send(
                    HttpRequest.newBuilder(URI.create(url + path)).build(), HttpResponse.BodyHandlers.ofString());
            return Json.mapper().readTree(response.body());
        } catch (IOException e) {
            throw new IllegalStateException("Prometheus did not answer " + path + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private int status(String path) {
        try {
            return HTTP.send(
                            HttpRequest.newBuilder(URI.create(url + path)).build(),
                            HttpResponse.BodyHandlers.discarding())
                    .statusCode();
        } catch (IOException e) {
            return -1; // not listening yet
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
