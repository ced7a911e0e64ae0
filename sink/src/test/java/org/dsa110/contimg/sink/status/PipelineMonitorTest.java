package org.dsa110.contimg.sink.status;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.awaitility.Awaitility;
import org.dsa110.contimg.contract.Outcome;
import org.dsa110.contimg.contract.Samples;
import org.dsa110.contimg.contract.StatusSnapshot;
import org.dsa110.contimg.contract.config.KafkaSettings;
import org.dsa110.contimg.contract.json.Json;
import org.dsa110.contimg.contract.testing.DeadLetterReader;
import org.dsa110.contimg.contract.testing.HostileRecords;
import org.dsa110.contimg.contract.testing.SharedKafka;
import org.dsa110.contimg.contract.testing.TestBroker;
import org.dsa110.contimg.contract.testing.TopicTail;
import org.dsa110.contimg.contract.topics.TopicSender;
import org.dsa110.contimg.contract.topics.Topics;
import org.dsa110.contimg.sink.store.PointingStore;
import org.dsa110.contimg.sink.write.PointingSink;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The pipeline's status from real topics on a real broker: the status file and the {@code pointing-monitor}
 * snapshot, and each health rule turning it unhealthy with a readable line, and healthy again when the cause goes.
 */
@ExtendWith(SharedKafka.class)
class PipelineMonitorTest {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static KafkaSettings kafka;

    @TempDir
    Path dir;

    @BeforeAll
    static void topics(TestBroker shared) {
        kafka = shared.withContractTopics();
    }

    @Test
    void reportsWhatThePipelineDidAndTurnsUnhealthyWhenTooManyExtractionsFail() throws Exception {
        Path incoming = Files.createDirectories(dir.resolve("incoming"));
        String producer = "producer@" + UUID.randomUUID();
        try (var sender = new TopicSender(kafka.producer("test"));
                var tail = new TopicTail<>(kafka, Topics.STATUS);
                var running = Monitor.start(kafka, settings(List.of(incoming)))) {
            sender.publishStatus(snapshot(producer, Instant.now(), List.of()));
            for (int i = 0; i < 10; i++) {
                sender.send(
                        Topics.OUTCOMES,
                        "k",
                        outcome(incoming + "/good" + i + "_sb00.hdf5", Outcome.Result.EXTRACTED, null),
                        null);
            }
            sender.send(
                    Topics.OUTCOMES,
                    "k",
                    outcome(
                            incoming + "/bad_sb00.hdf5",
                            Outcome.Result.FAILED,
                            "declination 229.2 deg outside [-90, 90]"),
                    null);
            sender.flush();

            // The two topics are read in no particular order between them: wait for all of it.
            JsonNode status = awaitFile(
                    running,
                    s -> s.get("metrics").get("files_processed").asInt() == 11
                            && s.path("components").has(producer)
                            && s.get("kafka_lag")
                                            .path(running.sink.groupId())
                                            .path(Topics.POINTING.name())
                                            .asLong(-1)
                                    == 0);
            assertThat(status.get("running").asBoolean()).isTrue();
            assertThat(status.get("issues")).as(status.toString()).isEmpty();
            assertThat(status.get("healthy").asBoolean()).isTrue(); // 1 of 11 failed: under 10 %
            JsonNode metrics = status.get("metrics");
            assertThat(metrics.get("files_succeeded").asInt()).isEqualTo(10);
            assertThat(metrics.get("files_failed").asInt()).isEqualTo(1);
            assertThat(metrics.get("success_rate_percent").asDouble()).isEqualTo(90.9);
            assertThat(metrics.get("recent_error_count").asInt()).isEqualTo(1);
            assertThat(metrics.get("last_error_message").asText())
                    .isEqualTo(incoming + "/bad_sb00.hdf5: declination 229.2 deg outside [-90, 90]");
            assertThat(status.get("watch_dir").asText()).isEqualTo(incoming.toString());
            assertThat(status.get("components").get(producer).get("watch_mode").asText())
                    .isEqualTo("inotify");

            // The same status on contimg.status, under the key other services look for.
            List<StatusSnapshot> published = tail.until(all -> all.stream().anyMatch(s -> isMonitor(s, 11)), WAIT);
            StatusSnapshot snapshot =
                    published.stream().filter(s -> isMonitor(s, 11)).findFirst().orElseThrow();
            assertThat(snapshot.metrics()).containsEntry("files_failed", 1);
            assertThat(snapshot.details()).containsKeys("extraction", "log_moves", "temp_purges", "kafka_lag");

            // A second failure is 2 of 12: more than 10 %, and said at once, not at the next 30 s write.
            sender.send(
                    Topics.OUTCOMES,
                    "k",
                    outcome(incoming + "/bad2_sb00.hdf5", Outcome.Result.FAILED, "time_array is NaN"),
                    null);
            sender.flush();
            status = awaitFile(running, s -> !s.get("healthy").asBoolean());
            assertThat(status.get("issues").get(0).asText())
                    .isEqualTo("2 of the last hour's 12 extractions " + "failed (17 %)");

            forget(sender, producer);
        }
    }

    @Test
    void aChangeOfIssuesIsWrittenAtOnceNotAtTheNextInterval() throws Exception {
        Path incoming = Files.createDirectories(dir.resolve("incoming-" + UUID.randomUUID()));
        // Written hourly when nothing changes, checked every second: the change is written at the next check.
        MonitorSettings hourly = settings(List.of(incoming))
                .withStatusInterval(Duration.ofHours(1))
                .withCheckInterval(Duration.ofSeconds(1));
        try (var running = Monitor.start(kafka, hourly)) {
            JsonNode first = awaitFile(running, s -> true); // the first status is written at start
            assertThat(first.get("issues").toString()).doesNotContain("is missing");

            Files.delete(incoming);
            long deleted = System.nanoTime();
            JsonNode status = awaitFile(running, s -> s.get("issues").toString().contains("is missing"));
            double seconds = (System.nanoTime() - deleted) / 1e9;
            assertThat(status.get("issues").toString()).contains("watched directory " + incoming + " is missing");
            assertThat(status.get("healthy").asBoolean()).isFalse();
            System.out.printf("issue written %.1f s after the directory went (status interval 1 h)%n", seconds);
            // Within a few of its 1 s checks (the file is read every 200 ms), not at the next hourly write.
            assertThat(seconds).isLessThan(5 * hourly.checkInterval().toSeconds());

            Files.createDirectories(incoming);
            awaitFile(running, s -> !s.get("issues").toString().contains("is missing"));
        }
    }

    @Test
    void theHealthCheckIntervalIsHonoured() throws Exception {
        // --health-check-interval 0.2 s: five more checks within 3 s of the first, where the default (5 s) makes
        // at most one. (The rate, not a count: a count is reached at any interval given time.)
        Duration interval = Duration.ofMillis(200);
        assertThat(MonitorSettings.CHECK_INTERVAL).isGreaterThan(interval.multipliedBy(15));
        MonitorSettings often =
                settings(List.of(dir)).withStatusInterval(Duration.ofHours(1)).withCheckInterval(interval);
        try (var running = Monitor.start(kafka, often)) {
            Awaitility.await().atMost(WAIT).until(() -> running.monitor.checks() >= 1);
            long first = running.monitor.checks();
            long since = System.nanoTime();
            Awaitility.await()
                    .atMost(interval.multipliedBy(15))
                    .pollInterval(Duration.ofMillis(50))
                    .until(() -> running.monitor.checks() >= first + 5);
            System.out.printf(
                    "5 health checks in %.2f s at an interval of %d ms%n",
                    (System.nanoTime() - since) / 1e9, interval.toMillis());
        }
    }

    @Test
    void unreadableStatusAndOutcomeRecordsAreDeadLetteredAndTheFeedGoesOnPastThem() throws Exception {
        String component = "producer@" + UUID.randomUUID();
        String failedFile = "/data/" + UUID.randomUUID() + "/casa-20251104-101010.log";
        String reason = "a reason no other test gives " + UUID.randomUUID();
        String statusKey = "poison@" + UUID.randomUUID();
        // Every flaw a record of either topic can have (seeded), all on partition 0, a good record behind them.
        List<HostileRecords> inputs = List.of(
                HostileRecords.of(
                        Topics.OUTCOMES,
                        failedFile,
                        Samples.outcome(Outcome.Stage.LOG_MOVE, Outcome.Result.FAILED, failedFile, "hostile")),
                HostileRecords.of(Topics.STATUS, statusKey, Samples.status(statusKey)));
        HostileRecords.Sent sent;
        try (var running = Monitor.start(kafka, settings(List.of(dir)))) {
            awaitFile(running, s -> true); // reading both topics
            try (var raw = new KafkaProducer<>(
                    kafka.producer("test-raw"), new ByteArraySerializer(), new ByteArraySerializer())) {
                sent = HostileRecords.sendEveryFlawTwice(raw, inputs, 29, 0);
                // A good record behind the poison, on its partition: the feed must read past the poison to it. A
                // failed log move: it shows in its own section, and leaves the extraction figures, which other
                // tests on this shared broker count, alone.
                var good = Samples.outcome(Outcome.Stage.LOG_MOVE, Outcome.Result.FAILED, failedFile, reason);
                raw.send(new ProducerRecord<>(
                                Topics.OUTCOMES.name(),
                                0,
                                failedFile.getBytes(StandardCharsets.UTF_8),
                                Topics.OUTCOMES.valueSerde().serializer().serialize(Topics.OUTCOMES.name(), good)))
                        .get();
                var snapshot = snapshot(component, Instant.now(), List.of());
                raw.send(new ProducerRecord<>(
                                Topics.STATUS.name(),
                                0,
                                component.getBytes(StandardCharsets.UTF_8),
                                Topics.STATUS.valueSerde().serializer().serialize(Topics.STATUS.name(), snapshot)))
                        .get();
            }

            JsonNode status = awaitFile(
                    running,
                    s -> s.path("components").has(component)
                            && s.path("log_moves")
                                    .path("last_error_message")
                                    .asText()
                                    .equals(failedFile + ": " + reason));
            assertThat(status.get("sink").get("unreadable_status_records").asLong())
                    .isGreaterThanOrEqualTo(sent.records().size());
            assertThat(status.get("sink").get("status_dead_letters").asLong())
                    .isGreaterThanOrEqualTo(sent.records().size());
            DeadLetterReader.assertAllKept(kafka, sent, "contimg-monitor-", WAIT);
            assertThat(running.monitor.failure()).isNull();
        }
        try (var sender = new TopicSender(kafka.producer("test"))) {
            forget(sender, component);
            sender.send(Topics.STATUS, statusKey, null, null);
        }
    }

    @Test
    void aComponentThatStopsReportingIsAnIssue() throws Exception {
        String processors = "processors@" + UUID.randomUUID();
        try (var sender = new TopicSender(kafka.producer("test"));
                var running = Monitor.start(kafka, settings(List.of(dir)))) {
            sender.publishStatus(snapshot(processors, Instant.now().minusSeconds(200), List.of()));
            sender.flush();
            JsonNode status = awaitFile(running, s -> s.get("issues").toString().contains(processors));
            assertThat(status.get("issues").toString()).contains(processors + " has not reported for");
            assertThat(status.get("healthy").asBoolean()).isFalse();

            sender.publishStatus(snapshot(processors, Instant.now(), List.of("stream processing is ERROR")));
            sender.flush();
            status = awaitFile(running, s -> s.get("issues").toString().contains("is ERROR"));
            assertThat(status.get("issues").toString())
                    .contains(processors + ": stream processing is ERROR")
                    .doesNotContain("has not reported");
            forget(sender, processors);
        }
    }

    @Test
    void aMissingWatchedDirectoryAndADatabaseThatCannotBeOpenedAreIssuesUntilTheyAreFixed() throws Exception {
        Path incoming = dir.resolve("incoming");
        Path blocker = Files.writeString(dir.resolve("state"), "a file where the state directory should be");
        try (var running = Monitor.start(kafka, settings(List.of(incoming), blocker.resolve("products.sqlite3")))) {
            // Both issues, whatever others this shared broker's earlier tests leave (a lagging contimg-sink group).
            JsonNode status = awaitFile(
                    running,
                    s -> s.get("issues").toString().contains("is missing")
                            && s.get("issues").toString().contains("cannot open "));
            assertThat(status.get("healthy").asBoolean()).isFalse();
            assertThat(status.get("issues").toString())
                    .contains("watched directory " + incoming + " is missing")
                    .contains("cannot open " + blocker.resolve("products.sqlite3") + ": cannot create directory "
                            + blocker + ": a file is in the way");

            Files.delete(blocker);
            Files.createDirectories(incoming);
            // (Other tests' outcomes may leave issues of their own on this shared broker; these two must go.)
            awaitFile(
                    running,
                    s -> !s.get("issues").toString().contains("is missing")
                            && !s.get("issues").toString().contains("cannot open"));
            assertThat(blocker.resolve("products.sqlite3")).exists();
        }
    }

    @Test
    void aSinkFarBehindOnALockedDatabaseIsAnIssueUntilItCatchesUp() throws Exception {
        Path db = dir.resolve("products.sqlite3");
        PointingStore.open(db, Clock.systemUTC()).close();
        try (Connection locker = DriverManager.getConnection("jdbc:sqlite:" + db)) {
            locker.createStatement().execute("BEGIN EXCLUSIVE");
            publishPointings(1200);
            try (var running = Monitor.start(kafka, settings(List.of(dir), db))) {
                JsonNode status = awaitFile(
                        running,
                        s -> s.get("issues").toString().contains("records behind")
                                && s.get("issues").toString().contains("cannot write"));
                assertThat(status.get("issues").toString())
                        .contains("cannot write " + db)
                        .containsPattern("the sink is \\d+ records behind on contimg.pointing");
                locker.createStatement().execute("ROLLBACK");
                // The issues clear once the lag is under the threshold; the sink then catches up completely (the
                // group reads the shared topic from its start, other tests' dead letters too, so "completely"
                // can come a few statuses after the issues clear).
                status = awaitFile(
                        running,
                        s -> !s.get("issues").toString().contains("records behind")
                                && !s.get("issues").toString().contains("cannot write")
                                && s.path("kafka_lag")
                                                .path(running.sink.groupId())
                                                .path("contimg.pointing")
                                                .asLong(-1)
                                        == 0);
                assertThat(status.get("issues").toString()).doesNotContain("records behind", "cannot write");
            }
        }
    }

    @Test
    void whenKafkaIsUnreachableTheFileStillSaysSo() throws Exception {
        int closedPort;
        try (var socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        KafkaSettings nowhere = KafkaSettings.forBootstrap("127.0.0.1:" + closedPort);
        try (var running = Monitor.start(nowhere, settings(List.of(dir)))) {
            JsonNode status = awaitFile(running, s -> !s.get("healthy").asBoolean());
            assertThat(status.get("issues").toString()).contains("Kafka is unreachable at 127.0.0.1:" + closedPort);
        }
    }

    /** A sink in a group of its own and the monitor watching it. */
    private record Monitor(PointingSink sink, PipelineMonitor monitor) implements AutoCloseable {

        static Monitor start(KafkaSettings kafka, MonitorSettings settings) {
            var sink =
                    new PointingSink(kafka, settings.productsDb(), Clock.systemUTC(), "test-sink-" + UUID.randomUUID());
            var monitor = new PipelineMonitor(settings, kafka, sink, Clock.systemUTC());
            sink.start();
            monitor.start();
            return new Monitor(sink, monitor);
        }

        @Override
        public void close() {
            sink.close();
            monitor.close();
        }
    }

    private MonitorSettings settings(List<Path> watched) {
        return settings(watched, dir.resolve("state-" + UUID.randomUUID()).resolve("products.sqlite3"));
    }

    /** Status written every second; no processors' lag (there are no processors here). */
    private MonitorSettings settings(List<Path> watched, Path db) {
        return new MonitorSettings(
                "test",
                watched.get(0),
                watched,
                db,
                dir.resolve("status-" + UUID.randomUUID()).resolve(StatusFile.NAME),
                Duration.ofSeconds(1),
                MonitorSettings.CHECK_INTERVAL,
                Map.of());
    }

    private static JsonNode awaitFile(Monitor running, Predicate<JsonNode> condition) {
        Path file = running.monitor.statusFile();
        return Awaitility.await()
                .atMost(WAIT)
                .pollInterval(Duration.ofMillis(200))
                .until(
                        () -> {
                            if (!Files.exists(file)) {
                                return null;
                            }
                            return Json.mapper().readTree(file.toFile());
                        },
                        json -> json != null && condition.test(json));
    }

    /** A tombstone: the component is retired, and its last snapshot no longer counts. */
    private static void forget(TopicSender sender, String component) {
        sender.send(Topics.STATUS, component, null, null);
    }

    private static boolean isMonitor(StatusSnapshot snapshot, int processed) {
        return snapshot != null
                && snapshot.component().equals(PipelineMonitor.COMPONENT)
                && Integer.valueOf(processed).equals(snapshot.metrics().get("files_processed"));
    }

    private static StatusSnapshot snapshot(String component, Instant at, List<String> issues) {
        return new StatusSnapshot(
                StatusSnapshot.SCHEMA,
                component,
                "test",
                at,
                at.minusSeconds(60),
                true,
                issues.isEmpty(),
                issues,
                Map.of("events_published", 3),
                Map.of("watch_mode", "inotify"));
    }

    private static Outcome outcome(String path, Outcome.Result result, String detail) {
        return Samples.outcome(Outcome.Stage.POINTING, result, path, detail);
    }

    private static void publishPointings(int count) {
        String prefix = "/data/incoming/" + UUID.randomUUID() + "/";
        try (var sender = new TopicSender(kafka.producer("test"))) {
            for (int i = 0; i < count; i++) {
                var observation = Samples.pointingAtRandomTime(prefix + i + "_sb00.hdf5", i % 360);
                sender.send(Topics.POINTING, observation.sourceFile(), observation, null);
            }
            sender.flush();
        }
    }
}
