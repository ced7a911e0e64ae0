package org.dsa110.contimg.processors;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.streams.KafkaStreams;
import org.awaitility.Awaitility;
import org.dsa110.contimg.contract.FileEvent;
import org.dsa110.contimg.contract.FileIdentity;
import org.dsa110.contimg.contract.PointingObservation;
import org.dsa110.contimg.contract.config.KafkaSettings;
import org.dsa110.contimg.contract.config.PipelinePaths;
import org.dsa110.contimg.contract.testing.SharedKafka;
import org.dsa110.contimg.contract.testing.TestBroker;
import org.dsa110.contimg.contract.testing.TopicTail;
import org.dsa110.contimg.contract.topics.TopicSender;
import org.dsa110.contimg.contract.topics.Topics;
import org.dsa110.contimg.fixtures.Dsa110File;
import org.dsa110.contimg.processors.purge.Tmpfs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Streams state directory's filesystem full (a 32 MiB tmpfs, filled) while logs and UVH5 files arrive: the
 * processors go on or stop saying why; once space is freed (and, if they stopped, they are started again as systemd
 * would) every log is moved exactly once and every file extracted: nothing lost. Needs root for the mount.
 *
 * <p>Running on, RocksDB keeps the stores' writes in its memtables, so the processors go on untouched; the disk
 * bites when the stores are flushed and checkpointed, at a stop. The restart test stops them there: the checkpoint
 * cannot be written, so the next start finds stores without one, and Kafka Streams (under exactly-once) treats the
 * task as corrupted, wipes its local state (which frees the space) and restores it from the changelog: the
 * processors go on by themselves, nothing lost or done twice (seen on this machine: all 40 logs moved by the
 * restarted processors on the full disk, no failure).
 */
@ExtendWith(SharedKafka.class)
class StateDiskFullTest {

    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final String HOST = "state-disk-full-host";

    @TempDir
    Path home;

    @Test
    void aFullStateDiskLosesNothing(TestBroker broker) throws Exception {
        KafkaSettings kafka = broker.withContractTopics();
        Path stateDisk = Files.createDirectories(home.resolve("state-disk"));
        try (var disk = Tmpfs.at(stateDisk, "32m")) {
            var paths = PipelinePaths.resolve(
                    new PipelinePaths.Flags(home, null, null, null, stateDisk, null, home.resolve("logs")), Map.of());
            for (Path dir : List.of(paths.root(), paths.incoming(), paths.scratch(), paths.logDir())) {
                Files.createDirectories(dir);
            }
            // A host of its own: the other processors of this JVM read the same topics and must leave these alone.
            var settings = ProcessorsSettings.defaults(paths, HOST);
            String application = "contimg-processors-state-full-" + UUID.randomUUID();
            var app = new ProcessorsService(settings, kafka, application, null);
            app.start();
            Awaitility.await().atMost(WAIT).until(() -> app.state() == KafkaStreams.State.RUNNING);

            Path filler = disk.fill();
            var observed = new TopicTail<>(kafka, Topics.POINTING);
            var logs = new ArrayList<Path>();
            var files = new ArrayList<Path>();
            try (var sender = new TopicSender(kafka.producer("test-state-full"))) {
                for (int i = 0; i < 20; i++) {
                    Path file = Dsa110File.at(
                                    Instant.parse("2025-10-21T06:25:27Z").plusSeconds(300L * i), 40.0)
                            .writeInto(paths.incoming());
                    files.add(file);
                    send(sender, file, paths.incoming());
                }
                for (int i = 0; i < 50; i++) {
                    Path log = Files.writeString(
                            Files.createDirectories(paths.root().resolve("ms" + i))
                                    .resolve("casa-1.log"),
                            "log " + i + "\n");
                    logs.add(log);
                    send(sender, log, paths.root());
                }
            }
            Thread.sleep(10_000); // work meanwhile, on a full state disk
            String failure = app.failure();
            KafkaStreams.State during = app.state();
            Files.delete(filler);

            var running = app;
            if (failure != null || during != KafkaStreams.State.RUNNING) {
                app.close(); // stopped, saying why: systemd starts it again
                running = new ProcessorsService(settings, kafka, application, null);
                running.start();
            }
            try (var restarted = running == app ? null : running) {
                Awaitility.await()
                        .atMost(WAIT)
                        .until(() -> logs.stream().noneMatch(Files::exists)
                                && names(paths.logDir()).size() >= logs.size());
                assertThat(names(paths.logDir()))
                        .as("each log moved once (state during: %s, failure: %s)", during, failure)
                        .hasSize(logs.size());
                var filePaths = files.stream().map(Path::toString).toList();
                assertThat(observed.until(
                                o -> o.stream()
                                                .map(PointingObservation::sourceFile)
                                                .distinct()
                                                .count()
                                        >= 20,
                                WAIT))
                        .extracting(PointingObservation::sourceFile)
                        .containsAll(filePaths);
            } finally {
                observed.close();
                if (running == app) {
                    app.close();
                }
            }
        }
    }

    /**
     * A restart while the state disk is full (a deployment, a crash and systemd): stopping flushes the stores and
     * writes their checkpoints onto the full disk, and starting opens RocksDB there. The restarted processors either
     * work or stop saying the disk is full (exit 1 for systemd); once space is freed and they are started again,
     * every log of before, during and after is moved exactly once.
     */
    @Test
    void aRestartOnAFullStateDiskStopsSayingWhyOrGoesOnAndLosesNothing(TestBroker broker) throws Exception {
        KafkaSettings kafka = broker.withContractTopics();
        Path stateDisk = Files.createDirectories(home.resolve("state-disk"));
        try (var disk = Tmpfs.at(stateDisk, "32m")) {
            var paths = PipelinePaths.resolve(
                    new PipelinePaths.Flags(home, null, null, null, stateDisk, null, home.resolve("logs")), Map.of());
            for (Path dir : List.of(paths.root(), paths.logDir())) {
                Files.createDirectories(dir);
            }
            String host = HOST + "-restart";
            var settings = ProcessorsSettings.defaults(paths, host);
            String application = "contimg-processors-state-full-restart-" + UUID.randomUUID();
            var logs = new ArrayList<Path>();
            try (var sender = new TopicSender(kafka.producer("test-state-full-restart"))) {
                Path filler;
                try (var first = new ProcessorsService(settings, kafka, application, null)) {
                    first.start();
                    Awaitility.await().atMost(WAIT).until(() -> first.state() == KafkaStreams.State.RUNNING);
                    logs.addAll(sendLogs(sender, paths.root(), host, "before", 20));
                    Awaitility.await()
                            .atMost(WAIT)
                            .until(() -> names(paths.logDir()).size() == 20);
                    filler = disk.fill();
                    logs.addAll(sendLogs(sender, paths.root(), host, "during", 20));
                    Thread.sleep(2_000);
                } // closing flushes the stores and writes their checkpoints onto the full disk: it must still end
                String failure;
                KafkaStreams.State state;
                try (var onFullDisk = new ProcessorsService(settings, kafka, application, null)) {
                    onFullDisk.start();
                    Awaitility.await()
                            .atMost(WAIT)
                            .until(() -> onFullDisk.failure() != null
                                    || names(paths.logDir()).size() == 40);
                    failure = onFullDisk.failure();
                    state = onFullDisk.state();
                }
                System.out.printf(
                        "restart on a full state disk: %d of 40 logs moved, state %s, failure %s%n",
                        names(paths.logDir()).size(), state, failure);
                if (failure != null) {
                    assertThat(failure).as("why it stopped").containsIgnoringCase("space");
                }
                Files.delete(filler);
                logs.addAll(sendLogs(sender, paths.root(), host, "after", 20));
                try (var healed = new ProcessorsService(settings, kafka, application, null)) {
                    healed.start();
                    Awaitility.await()
                            .atMost(WAIT)
                            .until(() -> logs.stream().noneMatch(Files::exists)
                                    && names(paths.logDir()).size() >= logs.size());
                    assertThat(names(paths.logDir())).as("each log moved once").hasSize(logs.size());
                    assertThat(healed.failure()).isNull();
                }
            }
        }
    }

    private static List<Path> sendLogs(TopicSender sender, Path root, String host, String batch, int n)
            throws IOException {
        var logs = new ArrayList<Path>();
        for (int i = 0; i < n; i++) {
            Path log = Files.writeString(
                    Files.createDirectories(root.resolve(batch + i)).resolve("casa-1.log"), batch + " " + i + "\n");
            logs.add(log);
            send(sender, log, root, host);
        }
        return logs;
    }

    private static void send(TopicSender sender, Path path, Path root) throws IOException {
        send(sender, path, root, HOST);
    }

    private static void send(TopicSender sender, Path path, Path root, String host) throws IOException {
        var identity = FileIdentity.of(path);
        var event = new FileEvent(
                path.toString(),
                FileEvent.Kind.CREATED,
                FileEvent.FileType.FILE,
                identity.sizeBytes(),
                identity.mtime(),
                root.toString(),
                FileEvent.Source.WATCH,
                host,
                Instant.now());
        sender.send(Topics.FS_EVENTS, event.path(), event, null);
    }

    private static List<String> names(Path dir) throws IOException {
        try (var entries = Files.list(dir)) {
            return entries.map(p -> p.getFileName().toString()).toList();
        }
    }
}
