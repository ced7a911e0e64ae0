package org.dsa110.contimg.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.dsa110.contimg.broker.LocalBroker;
import org.dsa110.contimg.contract.config.PipelinePaths;
import org.dsa110.contimg.contract.json.Json;
import org.dsa110.contimg.contract.testing.FreePorts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The services as systemd runs them, each in its own JVM against an existing broker, each serving its metrics on
 * its {@code --metrics-port}, and stopped the way systemd
 * stops them: SIGTERM, at the worst moment (the broker already gone), within systemd's 30 s
 * ({@code TimeoutStopSec=30}), with the status file left saying {@code running: false}.
 */
class GracefulStopTest {

    @TempDir
    Path home;

    @Test
    void everyServiceStopsWithin30sOfSigtermEvenWithTheBrokerGone() throws Exception {
        var options = new LocalBroker.Options(home.resolve("kafka"), "127.0.0.1", FreePorts.pick(), FreePorts.pick());
        var paths = PipelinePaths.resolve(new PipelinePaths.Flags(home, null, null, null, null, null, null), Map.of());
        for (Path dir : List.of(paths.root(), paths.incoming(), paths.scratch(), paths.logDir())) {
            Files.createDirectories(dir);
        }
        LocalBroker broker = new LocalBroker(options);
        broker.start();
        List<ChildContimg> services = new ArrayList<>();
        try {
            var topics = new StringWriter();
            assertThat(Contimg.commandLine()
                            .setOut(new PrintWriter(topics, true))
                            .execute("topics", "--bootstrap-servers", options.bootstrapServers()))
                    .isZero();
            assertThat(topics.toString()).contains("contimg topics: 10 topics in place");
            List<String> common = List.of("--home", home.toString(), "--bootstrap-servers", options.bootstrapServers());
            Path statusFile = home.resolve("monitor/test-status.json");
            Map<String, Integer> metricsPorts = new LinkedHashMap<>();
            for (String service : List.of("producer", "processors", "sink")) {
                List<String> args = new ArrayList<>(List.of(service));
                args.addAll(common);
                if (service.equals("sink")) {
                    // The old monitor's flags, as operators test it by hand.
                    args.addAll(List.of(
                            "--http-port",
                            "0",
                            "--status-interval",
                            "1",
                            "--health-check-interval",
                            "1",
                            "--status-file",
                            statusFile.toString()));
                }
                metricsPorts.put(service, FreePorts.pick());
                args.addAll(List.of("--metrics-port", metricsPorts.get(service).toString()));
                services.add(ChildContimg.start(args.toArray(String[]::new)));
            }
            for (ChildContimg service : services) {
                service.awaitLine("ready (Ctrl-C to stop)");
            }
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(statusFile));
            // Each service serves its own series, and its Kafka client's, on its --metrics-port (loopback).
            Map<String, List<String>> expected = Map.of(
                    "producer",
                            List.of(
                                    "contimg_producer_events_published_total{component=\"producer\"}",
                                    "contimg_producer_watch_mode{component=\"producer\",mode=\"inotify\"} 1.0",
                                    "kafka_producer_record_send_total{"),
                    "processors",
                            List.of(
                                    "contimg_processors_outcomes_total{component=\"processors\",result=\"moved\",stage=\"log-move\"} 0.0",
                                    "contimg_processors_streams_state{component=\"processors\",state=\"RUNNING\"}",
                                    "kafka_stream_alive_stream_threads{"),
                    "sink",
                            List.of(
                                    "contimg_sink_rows_written_total{component=\"sink\"} 0.0",
                                    "contimg_pipeline_healthy{component=\"sink\"}"));
            for (int i = 0; i < services.size(); i++) {
                String service = List.of("producer", "processors", "sink").get(i);
                String url = "http://127.0.0.1:" + metricsPorts.get(service) + "/metrics";
                assertThat(services.get(i).output()).contains("contimg " + service + ": metrics at " + url);
                String text = HttpClient.newHttpClient()
                        .send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString())
                        .body();
                assertThat(text).as(service + "'s metrics").contains(expected.get(service));
            }
        } finally {
            broker.close();
        }

        long began = System.nanoTime();
        for (ChildContimg service : services) {
            service.signal("TERM");
        }
        // systemd's TimeoutStopSec=30 runs from the signal for each unit, and they were signalled together: every
        // one must be gone 30 s after the signal, not 30 s after the one before it.
        long deadline = began + TimeUnit.SECONDS.toNanos(30);
        for (ChildContimg service : services) {
            try (service) {
                assertThat(service.awaitExitBy(deadline))
                        .as(service.output().get(0))
                        .isEqualTo(143);
                assertThat(service.output()).anyMatch(line -> line.endsWith(": stopped"));
                assertThat(service.errors()).noneMatch(ChildContimg::isStackTrace);
            }
        }
        System.out.printf(
                "three services stopped %.1f s after SIGTERM, broker gone%n", (System.nanoTime() - began) / 1e9);
        assertThat(paths.state().resolve("pointing-monitor-status.json"))
                .as("--status-file moved it")
                .doesNotExist();
        var status =
                Json.mapper().readTree(home.resolve("monitor/test-status.json").toFile());
        assertThat(status.get("running").asBoolean())
                .as("the last status says the pipeline stopped")
                .isFalse();
    }
}
