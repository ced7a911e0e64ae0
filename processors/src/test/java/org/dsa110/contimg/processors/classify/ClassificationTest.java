package org.dsa110.contimg.processors.classify;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.assertj.core.groups.Tuple;
import org.dsa110.contimg.contract.FileEvent;
import org.dsa110.contimg.contract.FileEvent.FileType;
import org.dsa110.contimg.contract.LogMoveRequest;
import org.dsa110.contimg.contract.Outcome;
import org.dsa110.contimg.contract.PointingRequest;
import org.dsa110.contimg.contract.TempPurgeRequest;
import org.dsa110.contimg.contract.config.PipelinePaths;
import org.dsa110.contimg.contract.topics.Topic;
import org.dsa110.contimg.contract.topics.Topics;
import org.dsa110.contimg.processors.ProcessorsSettings;
import org.dsa110.contimg.processors.TopologyDriver;
import org.dsa110.contimg.processors.kernel.ProcessorsMetrics;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The classification table, through the real topology in {@link TopologyTestDriver}. */
class ClassificationTest {

    private static final Instant NOW = Instant.parse("2025-11-04T10:15:12Z");

    @TempDir
    Path home;

    private String root;
    private String incoming;
    private String scratch;
    private TopologyTestDriver driver;
    private TestInputTopic<String, FileEvent> events;
    private ProcessorsMetrics metrics;

    @BeforeEach
    void driver() {
        var paths = PipelinePaths.resolve(
                new PipelinePaths.Flags(home, home.resolve("data"), null, null, null, null, null), Map.of());
        root = paths.root().toString();
        incoming = paths.incoming().toString();
        scratch = paths.scratch().toString();
        metrics = new ProcessorsMetrics();
        var settings = ProcessorsSettings.defaults(paths, "test-host");
        driver = TopologyDriver.of(settings, metrics, Clock.fixed(NOW, ZoneOffset.UTC), home.resolve("streams"));
        events = driver.createInputTopic(
                Topics.FS_EVENTS.name(),
                Topics.FS_EVENTS.keySerde().serializer(),
                Topics.FS_EVENTS.valueSerde().serializer());
    }

    @AfterEach
    void close() {
        driver.close();
    }

    @Test
    void casaLogsAnywhereUnderTheRootButNotInTheLogDirAreMoved() {
        List<String> moved = List.of(
                root + "/casa-20251104-101010.log",
                root + "/ms/casa-20251104-101011.log",
                root + "/2025-11-04/field/ms/casa-x.log",
                root + "/TMPPOINTING_1/casa-1.log",
                root + "/casa-.log",
                root + "/a b/casa-20251104 101010.log");
        List<String> notMoved = List.of(
                root + "/state/logs/casa-20251104-101010.log",
                root + "/state/logs/old/casa-1.log",
                root + "/xcasa-1.log",
                root + "/casa-1.log.bak",
                root + "/casa-1.txt",
                incoming + "/../outside/casa-1.log");
        moved.forEach(path -> send(path, FileType.FILE));
        notMoved.forEach(path -> send(path, FileType.FILE));
        send(root + "/casa-dir.log", FileType.DIRECTORY);
        send(root + "/casa-link.log", FileType.SYMLINK);

        assertThat(read(Topics.LOG_MOVES)).extracting(LogMoveRequest::path).containsExactlyElementsOf(moved);
        assertThat(metrics.get("dropped")).isEqualTo(7);
    }

    @Test
    void directoriesAtTheTopOfEachPurgeRuleRootArePurgeCandidates() {
        send(root + "/TMPPOINTING_0fa3", FileType.DIRECTORY);
        send(root + "/TMPPOINTING", FileType.DIRECTORY);
        send(scratch + "/tmp/casa-scratch", FileType.DIRECTORY);
        send(scratch + "/tmp/leftover.fits", FileType.FILE);
        send(scratch + "/stream_20251104T1010", FileType.DIRECTORY);
        // Decoys: deeper than the top, the wrong type, a link, the wrong root.
        send(root + "/ms/TMPPOINTING_deep", FileType.DIRECTORY);
        send(root + "/TMPPOINTING_file", FileType.FILE);
        send(root + "/TMPPOINTING_link", FileType.SYMLINK);
        send(scratch + "/TMPPOINTING_x", FileType.DIRECTORY);
        send(scratch + "/tmp/sub/deeper", FileType.DIRECTORY);
        send(scratch + "/stream_file", FileType.FILE);
        send(root + "/stream_20251104", FileType.DIRECTORY);

        assertThat(read(Topics.TEMP_PURGES))
                .extracting(TempPurgeRequest::path, TempPurgeRequest::rule)
                .containsExactly(
                        Tuple.tuple(root + "/TMPPOINTING_0fa3", "tmppointing"),
                        Tuple.tuple(root + "/TMPPOINTING", "tmppointing"),
                        Tuple.tuple(scratch + "/tmp/casa-scratch", "scratch-tmp"),
                        Tuple.tuple(scratch + "/tmp/leftover.fits", "scratch-tmp"),
                        Tuple.tuple(scratch + "/stream_20251104T1010", "scratch-stream"));
    }

    @Test
    void firstSubbandUvh5FilesInTheIncomingTreeArePointingRequests() {
        List<String> requested = List.of(
                incoming + "/2025-11-04T10:09:15_sb00.hdf5", incoming + "/2025-11-04/2025-11-04T10:14:15_sb00.hdf5");
        requested.forEach(path -> send(path, FileType.FILE));
        send(incoming + "/2025-11-04T10:09:15_sb01.hdf5", FileType.FILE);
        send(incoming + "/2025-11-04T10:09:15_sb15.hdf5", FileType.FILE);
        send(incoming + "/2025-11-04T10:09:15_sb00_incomplete.hdf5", FileType.FILE);
        send(incoming + "/2025-11-04T10:09:15_incomplete_sb00.hdf5", FileType.FILE);
        send(incoming + "/.2025-11-04T10:09:15_sb00.hdf5.AbCd12", FileType.FILE);
        send(incoming + "/.2025-11-04T10:09:15_sb00.hdf5", FileType.FILE);
        send(incoming + "/2025-11-04T10:09:15_sb00.hdf5.md5", FileType.FILE);
        send(incoming + "/dir_sb00.hdf5", FileType.DIRECTORY);
        send(incoming + "/link_sb00.hdf5", FileType.SYMLINK);
        send(root + "/2025-11-04T10:09:15_sb00.hdf5", FileType.FILE);

        assertThat(read(Topics.POINTING_REQUESTS))
                .extracting(PointingRequest::path)
                .containsExactlyElementsOf(requested);
        assertThat(read(Topics.POINTING_REQUESTS)).isEmpty();
    }

    @Test
    void pathsOutsideEveryRootAreRejectedWhateverTheEventSays() {
        send("/etc/passwd", FileType.FILE);
        send("/etc/casa-20251104-101010.log", FileType.FILE);
        send(root + "/../../etc/casa-1.log", FileType.FILE);
        send("relative/casa-1.log", FileType.FILE);

        List<Outcome> rejected = read(Topics.OUTCOMES);
        assertThat(rejected)
                .extracting(Outcome::path)
                .containsExactly(
                        "/etc/passwd",
                        "/etc/casa-20251104-101010.log",
                        root + "/../../etc/casa-1.log",
                        "relative/casa-1.log");
        assertThat(rejected).allSatisfy(o -> {
            assertThat(o.stage()).isEqualTo(Outcome.Stage.CLASSIFY);
            assertThat(o.result()).isEqualTo(Outcome.Result.REJECTED);
            assertThat(o.component()).isEqualTo("processors@test-host");
        });
        assertThat(rejected.get(0).detail()).startsWith("outside the configured roots");
        assertThat(rejected.get(2).detail()).isEqualTo("not an absolute normalized path");
        assertThat(read(Topics.LOG_MOVES)).isEmpty();
    }

    @Test
    void deletionsAreDroppedAndAnEventWithoutAKindIsDeadLetteredBeforeTheClassifier() {
        events.pipeInput(
                root + "/casa-1.log",
                new FileEvent(
                        root + "/casa-1.log",
                        FileEvent.Kind.DELETED,
                        null,
                        null,
                        null,
                        root,
                        FileEvent.Source.WATCH,
                        "test-host",
                        NOW));
        events.pipeInput(
                root + "/casa-2.log",
                new FileEvent(
                        root + "/casa-2.log",
                        null,
                        FileType.FILE,
                        1L,
                        NOW,
                        root,
                        FileEvent.Source.WATCH,
                        "test-host",
                        NOW));
        assertThat(read(Topics.LOG_MOVES)).isEmpty();
        assertThat(metrics.get("dropped_deleted")).isEqualTo(1);
        assertThat(metrics.get("dropped_unknown_kind")).isZero();
        assertThat(metrics.get("dead_letters_fs_events")).isEqualTo(1);
    }

    @Test
    void aRequestCarriesTheEventThatCausedIt() {
        send(root + "/casa-20251104-101010.log", FileType.FILE);
        LogMoveRequest request = read(Topics.LOG_MOVES).get(0);
        assertThat(request.requestedAt()).isEqualTo(NOW);
        assertThat(request.event().source()).isEqualTo(FileEvent.Source.WATCH);
        assertThat(request.event().sizeBytes()).isEqualTo(2048L);
    }

    private void send(String path, FileType type) {
        events.pipeInput(
                path,
                new FileEvent(
                        path,
                        FileEvent.Kind.CREATED,
                        type,
                        2048L,
                        NOW,
                        root,
                        FileEvent.Source.WATCH,
                        "test-host",
                        NOW));
    }

    private <V> List<V> read(Topic<String, V> topic) {
        TestOutputTopic<String, V> output = driver.createOutputTopic(
                topic.name(),
                topic.keySerde().deserializer(),
                topic.valueSerde().deserializer());
        return output.readValuesToList();
    }
}
