package org.dsa110.contimg.processors;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.apache.kafka.streams.KafkaStreams;
import org.awaitility.Awaitility;
import org.dsa110.contimg.contract.CalibratorTransit;
import org.dsa110.contimg.contract.PointingObservation;
import org.dsa110.contimg.contract.Samples;
import org.dsa110.contimg.contract.config.KafkaSettings;
import org.dsa110.contimg.contract.config.PipelinePaths;
import org.dsa110.contimg.contract.testing.DeadLetterReader;
import org.dsa110.contimg.contract.testing.HostileRecords;
import org.dsa110.contimg.contract.testing.SharedKafka;
import org.dsa110.contimg.contract.testing.TestBroker;
import org.dsa110.contimg.contract.testing.TopicTail;
import org.dsa110.contimg.contract.topics.TopicSender;
import org.dsa110.contimg.contract.topics.Topics;
import org.dsa110.contimg.fixtures.ReferenceMatches;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The calibration application ({@link CalibrationService}) on a real broker: one application for every host, so the best file of a transit is
 * marked whichever hosts' trees hold its files, the work goes on when one host's instance stops, and what it cannot
 * read is dead-lettered and counted while it goes on.
 */
@ExtendWith(SharedKafka.class)
class CalibrationServiceTest {

    private static final Duration WAIT = Duration.ofSeconds(60);
    /** One sidereal day, in days. */
    private static final double SIDEREAL_DAY = 0.99726957;

    @TempDir
    static Path home;

    private static KafkaSettings kafka;

    @BeforeAll
    static void broker(TestBroker broker) {
        kafka = broker.withContractTopics();
    }

    @Test
    void filesOfOneTransitOnThreeHostsAreMarkedOnceAndAnInstanceTakesOverAnothersWork() throws Exception {
        String application = "contimg-calibration-test-" + UUID.randomUUID();
        String dir = "/data/" + UUID.randomUUID() + "/";
        try (var sender = new TopicSender(kafka.producer("test-calibration"));
                var transits = new TopicTail<>(kafka, Topics.CALIBRATOR_TRANSITS);
                var a = new CalibrationService(settings("host-a"), kafka, application, null);
                var b = new CalibrationService(settings("host-b"), kafka, application, null)) {
            a.start();
            b.start();
            a.awaitRunning(ProcessorsService.START_TIMEOUT);
            b.awaitRunning(ProcessorsService.START_TIMEOUT);

            // Three files of one 3C286 transit (a day of its own: other tests' files of the shared topic are of
            // others).
            int day = 1 + new Random().nextInt(300);
            observe(sender, dir, "3C286-1deg-north", "host-b", day);
            observe(sender, dir, "3C286-east", "host-a", day);
            assertThat(marks(
                            transits.until(
                                    seen -> marks(seen, dir)
                                            .equals(Map.of(
                                                    dir + "3C286-east_sb00.hdf5",
                                                    true,
                                                    dir + "3C286-1deg-north_sb00.hdf5",
                                                    false)),
                                    WAIT),
                            dir))
                    .hasSize(2);

            // Host a's instance stops; host b's takes its partitions, with their state, and the on-axis file of a
            // third host takes the mark from the east one.
            a.close();
            observe(sender, dir, "3C286-on-axis", "host-c", day);
            assertThat(marks(
                            transits.until(
                                    seen -> marks(seen, dir).size() == 3
                                            && marks(seen, dir).get(dir + "3C286-east_sb00.hdf5") == Boolean.FALSE,
                                    WAIT),
                            dir))
                    .containsOnly(
                            Map.entry(dir + "3C286-on-axis_sb00.hdf5", true),
                            Map.entry(dir + "3C286-east_sb00.hdf5", false),
                            Map.entry(dir + "3C286-1deg-north_sb00.hdf5", false));
            // The departure rebalances the group: b runs again, healthy, once it has taken a's tasks.
            Awaitility.await().atMost(WAIT).until(() -> b.state() == KafkaStreams.State.RUNNING);
            assertThat(b.status(true).issues()).isEmpty();
        }
    }

    /**
     * Seeded hostile records on both topics it reads go to {@code contimg.dlq} as they were, marked with this
     * application, counted by topic in its status; the next observation is still found and marked.
     */
    @Test
    void unreadableRecordsOnBothInputsAreDeadLetteredCountedAndTheWorkGoesOn() throws Exception {
        String application = "contimg-calibration-test-" + UUID.randomUUID();
        String dir = "/data/" + UUID.randomUUID() + "/";
        String uvh5 = dir + "2025-11-04T10:09:15_sb00.hdf5";
        List<HostileRecords> inputs = List.of(
                HostileRecords.of(Topics.POINTING, uvh5, Samples.pointing(uvh5)),
                HostileRecords.of(
                        Topics.CALIBRATOR_TRANSITS,
                        CalibratorTransit.keyOf("J1331+305", uvh5),
                        Samples.inFile(
                                Samples.transit("J1331+305", "3C286", 61055.57, "2026-01-15T13:45:22Z", 1), uvh5)));
        try (var sender = new TopicSender(kafka.producer("test-calibration"));
                var transits = new TopicTail<>(kafka, Topics.CALIBRATOR_TRANSITS);
                var app = new CalibrationService(settings("host-a"), kafka, application, null)) {
            app.start();
            app.awaitRunning(ProcessorsService.START_TIMEOUT);
            Map<String, Object> before = app.status(true).metrics();
            HostileRecords.Sent sent = HostileRecords.sendEveryFlawTwice(kafka, inputs, 31);
            DeadLetterReader.assertAllKept(kafka, sent, application, WAIT);
            Map<String, Object> after = app.status(true).metrics();
            for (HostileRecords input : inputs) {
                String counter = input.deadLetterCounter();
                assertThat(count(after, counter) - count(before, counter))
                        .as(counter)
                        .isEqualTo(2L * input.flaws().size());
            }

            // Marked best or not: other files of the shared topic may hold the same transit.
            observe(sender, dir, "3C286-on-axis", "host-a", 0);
            assertThat(marks(transits.until(seen -> marks(seen, dir).size() == 1, WAIT), dir))
                    .containsKey(dir + "3C286-on-axis_sb00.hdf5")
                    .doesNotContainValue(null);
            assertThat(app.state()).isEqualTo(KafkaStreams.State.RUNNING);
            assertThat(app.status(true).issues()).isEmpty();
            assertThat(app.status(true).component()).isEqualTo("calibration@host-a");
        }
    }

    private static ProcessorsSettings settings(String host) {
        var paths = PipelinePaths.resolve(
                new PipelinePaths.Flags(
                        home.resolve(host + "-" + UUID.randomUUID()), null, null, null, null, null, null),
                Map.of());
        return ProcessorsSettings.defaults(paths, host);
    }

    /**
     * One of astropy's reference files (named without its directory and suffix), under {@code dir}, as a host's,
     * {@code days} sidereal days later (the same pointing at the same hour angle: its transit that day).
     */
    private static void observe(TopicSender sender, String dir, String name, String host, int days) {
        ReferenceMatches file = ReferenceMatches.all().stream()
                .filter(f -> f.file().endsWith("/" + name + "_sb00.hdf5"))
                .findFirst()
                .orElseThrow();
        String path = dir + name + "_sb00.hdf5";
        PointingObservation observation = Samples.meridianFile(
                        path,
                        file.startMjd() + days * SIDEREAL_DAY,
                        file.endMjd() + days * SIDEREAL_DAY,
                        file.haDeg(),
                        file.decAppDeg())
                .withHost(host);
        sender.send(Topics.POINTING, path, observation, null);
    }

    /** Each file under {@code dir}'s last mark on the topic (what compaction keeps), by file. */
    private static Map<String, Boolean> marks(List<CalibratorTransit> seen, String dir) {
        var last = new HashMap<String, Boolean>();
        seen.stream()
                .filter(t -> t != null && t.sourceFile().startsWith(dir))
                .forEach(t -> last.put(t.sourceFile(), t.best()));
        return last;
    }

    private static long count(Map<String, Object> metrics, String name) {
        return ((Number) metrics.getOrDefault(name, 0L)).longValue();
    }
}
