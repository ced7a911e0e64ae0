package org.dsa110.contimg.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.awaitility.Awaitility;
import org.dsa110.contimg.contract.Outcome;
import org.dsa110.contimg.contract.PointingObservation;
import org.dsa110.contimg.contract.config.KafkaSettings;
import org.dsa110.contimg.contract.config.PipelinePaths;
import org.dsa110.contimg.contract.testing.GroupProgress;
import org.dsa110.contimg.contract.testing.SharedKafka;
import org.dsa110.contimg.contract.testing.TestBroker;
import org.dsa110.contimg.contract.testing.TopicTail;
import org.dsa110.contimg.contract.topics.ConsumerGroups;
import org.dsa110.contimg.contract.topics.Topics;
import org.dsa110.contimg.fixtures.BrokenUvH5;
import org.dsa110.contimg.fixtures.Dsa110File;
import org.dsa110.contimg.processors.ProcessorsService;
import org.dsa110.contimg.processors.ProcessorsSettings;
import org.dsa110.contimg.producer.ProducerService;
import org.dsa110.contimg.producer.ProducerSettings;
import org.dsa110.contimg.sink.write.PointingSink;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The pipeline remembers what it has done: the producer, the processors and the sink of one pipeline on the shared
 * broker, stopped and started as a restart does, rescanning every second. A restart or a rescan of an unchanged tree
 * reads no header and writes no record; a changed file is read again, alone; a file still being written keeps its
 * chain of tries whatever the rescans do.
 */
@ExtendWith(SharedKafka.class)
class IncrementalWorkTest {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static KafkaSettings kafka;

    @TempDir
    Path home;

    private PipelinePaths paths;
    private static final AtomicInteger DAYS = new AtomicInteger();
    private Instant day;
    private String application;
    private String sinkGroup;
    private final List<AutoCloseable> running = new ArrayList<>();

    @BeforeAll
    static void topics(TestBroker broker) {
        kafka = broker.withContractTopics();
    }

    @BeforeEach
    void tree() throws Exception {
        paths = PipelinePaths.resolve(new PipelinePaths.Flags(home, null, null, null, null, null, null), Map.of());
        for (Path dir : List.of(paths.root(), paths.incoming(), paths.scratch(), paths.logDir())) {
            Files.createDirectories(dir);
        }
        application = "test-processors-" + UUID.randomUUID();
        day = Instant.parse("2025-03-01T00:01:17Z").plus(Duration.ofDays(DAYS.getAndIncrement()));
        sinkGroup = "test-sink-" + UUID.randomUUID();
    }

    @AfterEach
    void stop() throws Exception {
        for (int i = running.size() - 1; i >= 0; i--) {
            running.get(i).close();
        }
    }

    @Test
    void aRestartReadsNoHeaderAndWritesNoRecord() throws Exception {
        List<Path> files = writeFixtures(5);
        ProcessorsService processors = startProcessors(ProcessorsSettings.defaults(paths, "test-host"));
        startSink();
        ProducerService producer = startProducer(ProducerSettings.defaults(paths, "test-host"));
        Awaitility.await().atMost(WAIT).until(() -> rows().size() == files.size());

        // Stopped and started again, as a restart (or a host's reboot) does.
        producer.close();
        processors.close();
        running.clear();
        try (var fsEvents = new TopicTail<>(kafka, Topics.FS_EVENTS);
                var pointing = new TopicTail<>(kafka, Topics.POINTING);
                var outcomes = new TopicTail<>(kafka, Topics.OUTCOMES)) {
            ProcessorsService again = startProcessors(ProcessorsSettings.defaults(paths, "test-host"));
            // It remembers what Kafka acknowledged before the stop: its start-up scan publishes none of the five.
            ProducerService restarted = startProducer(ProducerSettings.defaults(paths, "test-host"));
            Set<String> ours = files.stream().map(Path::toString).collect(Collectors.toSet());
            assertThat(fsEvents.during(Duration.ofSeconds(2)))
                    .filteredOn(e -> ours.contains(e.path()))
                    .as("file events of the unchanged files")
                    .isEmpty();
            assertThat(restarted.status().metrics().get("events_published")).isEqualTo(0L);
            awaitProcessorsCaughtUp();

            assertThat(counter(again, "pointing_extracted"))
                    .as("headers read after the restart")
                    .isZero();
            assertThat(counter(again, "pointing_unchanged"))
                    .as("requests for unchanged files after the restart")
                    .isZero();
            // Read to the topics' ends as they are now that the processors have committed all they were given.
            assertThat(pointing.upToNow())
                    .extracting(PointingObservation::sourceFile)
                    .as("records on contimg.pointing")
                    .doesNotContainAnyElementsOf(ours);
            assertThat(outcomes.upToNow())
                    .filteredOn(o -> ours.contains(o.path()))
                    .as("outcomes for the unchanged files")
                    .isEmpty();
        }
    }

    @Test
    void aRescanAfterOneFileChangedReadsThatFileAloneAndUpdatesItsRow() throws Exception {
        List<Path> files = writeFixtures(3);
        ProcessorsService processors = startProcessors(ProcessorsSettings.defaults(paths, "test-host"));
        startSink();
        ProducerService producer =
                startProducer(ProducerSettings.defaults(paths, "test-host").withRescanInterval(Duration.ofSeconds(1)));
        Awaitility.await().atMost(WAIT).until(() -> rows().size() == files.size());
        Awaitility.await().atMost(WAIT).until(() -> counter(processors, "pointing_extracted") == files.size());
        // A few rescans of the unchanged tree: nothing is published, so nothing is read.
        awaitRescans(producer, 3);
        awaitProcessorsCaughtUp();
        assertThat(counter(processors, "pointing_extracted")).isEqualTo(files.size());
        assertThat(counter(processors, "pointing_unchanged"))
                .as("no rescan published an unchanged file")
                .isZero();

        try (var pointing = new TopicTail<>(kafka, Topics.POINTING)) {
            // Rewritten in place under the same name with another declination (a new inode, a new mtime).
            Path changed = files.get(1);
            Dsa110File.at(start(1).plusSeconds(1), -5.0).writeTo(changed);

            List<PointingObservation> seen = pointing.until(
                    all -> all.stream().anyMatch(o -> o.sourceFile().equals(changed.toString())), WAIT);
            awaitRescans(producer, 3); // more rescans: still only that file
            awaitProcessorsCaughtUp();
            assertThat(pointing.upToNow())
                    .extracting(PointingObservation::sourceFile)
                    .filteredOn(f -> f.startsWith(paths.incoming().toString()))
                    .containsOnly(changed.toString());
            assertThat(seen).isNotEmpty();
            Awaitility.await().atMost(WAIT).until(() -> rows().get(changed.toString()) < 0);
            assertThat(rows()).hasSize(files.size());
            assertThat(counter(processors, "pointing_extracted")).isEqualTo(files.size() + 1);
        }
        assertThat(producer.status().metrics().get("rescan_unchanged_total")).isNotEqualTo(0L);
    }

    @Test
    void aFileStillBeingWrittenFailsAfterItsTriesWhateverTheRescansDoAndOnce() throws Exception {
        List<Duration> backoff =
                List.of(Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofSeconds(1));
        startProcessors(ProcessorsSettings.defaults(paths, "test-host").withRetryBackoff(backoff));
        ProducerService producer =
                startProducer(ProducerSettings.defaults(paths, "test-host").withRescanInterval(Duration.ofSeconds(1)));
        try (var outcomes = new TopicTail<>(kafka, Topics.OUTCOMES)) {
            Path truncated = BrokenUvH5.TRUNCATED.writeInto(paths.incoming(), Instant.parse("2025-04-01T00:00:00Z"));
            long began = System.nanoTime();

            outcomes.until(
                    all -> all.stream()
                            .anyMatch(
                                    o -> o.path().equals(truncated.toString()) && o.result() == Outcome.Result.FAILED),
                    WAIT);
            double seconds = (System.nanoTime() - began) / 1e9;
            awaitRescans(producer, 4); // four more rescans: it stays failed, once
            awaitProcessorsCaughtUp();
            List<Outcome> all = outcomes.upToNow();
            List<Outcome.Result> results = all.stream()
                    .filter(o -> o.path().equals(truncated.toString()))
                    .map(Outcome::result)
                    .toList();

            System.out.printf("truncated file failed after %.1f s with rescans every second: %s%n", seconds, results);
            all.stream()
                    .filter(o -> o.path().equals(truncated.toString()))
                    .forEach(o -> System.out.println(
                            "  " + o.at() + " " + o.result() + " #" + o.attempt() + " " + o.host() + " " + o.detail()));
            assertThat(results)
                    .containsExactly(
                            Outcome.Result.RETRYING,
                            Outcome.Result.RETRYING,
                            Outcome.Result.RETRYING,
                            Outcome.Result.RETRYING,
                            Outcome.Result.FAILED);
            // 4 s of back-off plus the punctuation's 1 s ticks: the bound the settings promise, not rescans'.
            assertThat(seconds).isLessThan(30);
        }
    }

    /**
     * Files 5 minutes apart, on a day of their own: each sink here reads the whole shared topic, other tests' files
     * included, and one mid-time keeps the first file's row.
     */
    private List<Path> writeFixtures(int count) {
        List<Path> files = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            files.add(Dsa110File.at(start(i), 10.0 + 7 * i).writeInto(paths.incoming()));
        }
        return files;
    }

    private Instant start(int i) {
        return day.plus(Duration.ofMinutes(5L * i));
    }

    private ProcessorsService startProcessors(ProcessorsSettings settings) throws InterruptedException {
        var processors = new ProcessorsService(settings, kafka, application, null);
        running.add(processors);
        processors.start();
        processors.awaitRunning(WAIT);
        return processors;
    }

    private void startSink() {
        var sink = new PointingSink(kafka, paths.productsDb(), Clock.systemUTC(), sinkGroup);
        running.add(sink);
        sink.start();
    }

    private ProducerService startProducer(ProducerSettings settings) {
        var producer = new ProducerService(settings, kafka);
        running.add(producer);
        producer.start();
        return producer;
    }

    /** Until the producer has finished {@code count} more scans than it had when this was called. */
    private static void awaitRescans(ProducerService producer, int count) {
        long before = scans(producer);
        Awaitility.await().atMost(WAIT).until(() -> scans(producer) >= before + count);
    }

    private static long scans(ProducerService producer) {
        return ((Number) producer.status().metrics().get("scans")).longValue();
    }

    /**
     * Until this test's processors have committed every input partition to its end as it is now: every event published
     * so far is processed, and what it wrote is committed (exactly-once), so reading to the outputs' ends sees it.
     */
    private void awaitProcessorsCaughtUp() throws Exception {
        try (Admin admin = Admin.create(kafka.admin("test"))) {
            var ends = GroupProgress.ends(
                    admin, ConsumerGroups.processors("test-host").inputNames());
            Awaitility.await().atMost(WAIT).until(() -> GroupProgress.committedUpTo(admin, application, ends));
        }
    }

    private static long counter(ProcessorsService processors, String name) {
        Object value = processors.status(true).metrics().get(name);
        return value == null ? 0 : ((Number) value).longValue();
    }

    /** source_file to dec_deg of every row of this test's files (the sink reads other tests' too). */
    private Map<String, Double> rows() throws Exception {
        if (!Files.exists(paths.productsDb())) {
            return Map.of();
        }
        var rows = new HashMap<String, Double>();
        try (Connection sql = DriverManager.getConnection("jdbc:sqlite:" + paths.productsDb());
                var statement = sql.prepareStatement(
                        "SELECT source_file, dec_deg FROM pointing_history WHERE source_file LIKE ?")) {
            statement.setString(1, paths.incoming() + "/%");
            try (var result = statement.executeQuery()) {
                while (result.next()) {
                    rows.put(result.getString(1), result.getDouble(2));
                }
            }
        } catch (SQLException e) {
            return Map.of(); // created, but the sink has not made the table yet
        }
        return rows;
    }
}
