package org.dsa110.contimg.processors;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.TopologyTestDriver;
import org.dsa110.contimg.contract.FileEvent;
import org.dsa110.contimg.contract.FileEvent.FileType;
import org.dsa110.contimg.contract.LogMoveRequest;
import org.dsa110.contimg.contract.Outcome;
import org.dsa110.contimg.contract.PointingRequest;
import org.dsa110.contimg.contract.config.PipelinePaths;
import org.dsa110.contimg.contract.topics.Topic;
import org.dsa110.contimg.contract.topics.Topics;
import org.dsa110.contimg.processors.kernel.ProcessorsMetrics;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A host's processors act only on their own host's events, on every topic they read: another host's log is not
 * moved even where a file of that name exists here, its UVH5 file is not read, its event is not classified. The other
 * host's records are not counted as dropped (they are that host's work, not lost); one naming no host belongs to no
 * host and is dead-lettered.
 */
class HostAffinityTest {

    private static final Instant NOW = Instant.parse("2025-11-04T10:15:12Z");
    private static final String HERE = "imager-a";
    private static final String THERE = "imager-b";

    @TempDir
    Path home;

    private PipelinePaths paths;
    private TopologyTestDriver driver;
    private ProcessorsMetrics metrics;

    @BeforeEach
    void driver() throws Exception {
        paths = PipelinePaths.resolve(
                new PipelinePaths.Flags(home, home.resolve("data"), null, null, null, null, null), Map.of());
        Files.createDirectories(paths.root());
        Files.createDirectories(paths.incoming());
        Files.createDirectories(paths.logDir());
        metrics = new ProcessorsMetrics();
        driver = TopologyDriver.of(
                ProcessorsSettings.defaults(paths, HERE),
                metrics,
                Clock.fixed(NOW, ZoneOffset.UTC),
                home.resolve("streams"));
    }

    @AfterEach
    void close() {
        driver.close();
    }

    @Test
    void anotherHostsLogMoveLeavesTheSamePathHereInPlace() throws Exception {
        Path log = Files.writeString(paths.root().resolve("casa-20251104-101010.log"), "here");
        pipe(Topics.LOG_MOVES, log.toString(), new LogMoveRequest(event(log, FileType.FILE, THERE), NOW));
        assertThat(log).exists();
        assertThat(read(Topics.OUTCOMES)).isEmpty();

        pipe(Topics.LOG_MOVES, log.toString(), new LogMoveRequest(event(log, FileType.FILE, HERE), NOW));
        assertThat(log).doesNotExist();
        assertThat(paths.logDir().resolve(log.getFileName())).hasContent("here");
        assertThat(read(Topics.OUTCOMES)).extracting(Outcome::result).containsExactly(Outcome.Result.MOVED);
        assertThat(metrics.get("dropped")).isZero();
    }

    @Test
    void anotherHostsEventIsNotClassifiedAndOneWithoutAHostIsDeadLettered() {
        Path log = paths.root().resolve("casa-20251104-101011.log");
        pipe(Topics.FS_EVENTS, log.toString(), event(log, FileType.FILE, THERE));
        assertThat(read(Topics.LOG_MOVES)).isEmpty();
        assertThat(metrics.get("dropped")).isZero();

        pipe(Topics.FS_EVENTS, log.toString(), event(log, FileType.FILE, null));
        assertThat(read(Topics.LOG_MOVES)).isEmpty();
        assertThat(metrics.get("dead_letters_fs_events")).isEqualTo(1);
        assertThat(metrics.get("dropped")).isZero();

        pipe(Topics.FS_EVENTS, log.toString(), event(log, FileType.FILE, HERE));
        assertThat(read(Topics.LOG_MOVES)).extracting(LogMoveRequest::path).containsExactly(log.toString());
    }

    @Test
    void anotherHostsUvh5FileIsNotRead() throws Exception {
        Path file = Files.writeString(paths.incoming().resolve("2025-11-04T10:10:10_sb00.hdf5"), "not hdf5");
        pipe(Topics.POINTING_REQUESTS, file.toString(), new PointingRequest(event(file, FileType.FILE, THERE), NOW));
        assertThat(read(Topics.OUTCOMES)).isEmpty();
        assertThat(read(Topics.POINTING)).isEmpty();

        pipe(Topics.POINTING_REQUESTS, file.toString(), new PointingRequest(event(file, FileType.FILE, HERE), NOW));
        assertThat(read(Topics.OUTCOMES))
                .singleElement()
                .satisfies(outcome -> assertThat(outcome.host()).isEqualTo(HERE));
    }

    private FileEvent event(Path path, FileType type, String host) {
        return new FileEvent(
                path.toString(),
                FileEvent.Kind.CREATED,
                type,
                4L,
                NOW,
                paths.root().toString(),
                FileEvent.Source.WATCH,
                host,
                NOW);
    }

    private <V> void pipe(Topic<String, V> topic, String key, V value) {
        driver.createInputTopic(
                        topic.name(),
                        topic.keySerde().serializer(),
                        topic.valueSerde().serializer())
                .pipeInput(key, value, NOW);
    }

    private <V> List<V> read(Topic<String, V> topic) {
        return driver.createOutputTopic(
                        topic.name(),
                        topic.keySerde().deserializer(),
                        topic.valueSerde().deserializer())
                .readValuesToList();
    }
}
