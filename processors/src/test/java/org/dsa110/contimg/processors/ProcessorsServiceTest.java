package org.dsa110.contimg.processors;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.assertj.core.groups.Tuple;
import org.awaitility.Awaitility;
import org.dsa110.contimg.contract.FileEvent;
import org.dsa110.contimg.contract.LogMoveRequest;
import org.dsa110.contimg.contract.Outcome;
import org.dsa110.contimg.contract.Samples;
import org.dsa110.contimg.contract.TempPurgeRequest;
import org.dsa110.contimg.contract.config.KafkaSettings;
import org.dsa110.contimg.contract.config.PipelinePaths;
import org.dsa110.contimg.contract.testing.DeadLetterReader;
import org.dsa110.contimg.contract.testing.HostileRecords;
import org.dsa110.contimg.contract.testing.SharedKafka;
import org.dsa110.contimg.contract.testing.TestBroker;
import org.dsa110.contimg.contract.testing.TopicTail;
import org.dsa110.contimg.contract.topics.TopicSender;
import org.dsa110.contimg.contract.topics.Topics;
import org.dsa110.contimg.fixtures.Dsa110File;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The processors' Streams application on a real broker, acting on a real temporary filesystem. */
@ExtendWith(SharedKafka.class)
class ProcessorsServiceTest {

    private static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir
    static Path home;

    private static PipelinePaths paths;
    private static KafkaSettings kafka;
    private static ProcessorsService app;
    private static String applicationId;
    private static TopicSender sender;
    private TopicTail<Outcome> outcomes;

    @BeforeAll
    static void start(TestBroker broker) throws IOException {
        kafka = broker.withContractTopics();
        paths = PipelinePaths.resolve(new PipelinePaths.Flags(home, null, null, null, null, null, null), Map.of());
        for (Path dir : List.of(paths.root(), paths.incoming(), paths.scratch(), paths.logDir())) {
            Files.createDirectories(dir);
        }
        var settings = ProcessorsSettings.defaults(paths, "test-host").withPurgeInterval(Duration.ofSeconds(1));
        applicationId = "contimg-processors-test-" + UUID.randomUUID();
        app = new ProcessorsService(settings, kafka, applicationId, null);
        app.start();
        Awaitility.await().atMost(WAIT).until(() -> app.state() == KafkaStreams.State.RUNNING);
        sender = new TopicSender(kafka.producer("test"));
    }

    @AfterAll
    static void stop() {
        sender.close();
        app.close();
    }

    @BeforeEach
    void tail() {
        outcomes = new TopicTail<>(kafka, Topics.OUTCOMES);
    }

    @AfterEach
    void closeTail() {
        outcomes.close();
    }

    @Test
    void aThousandLogsWithOneBaseNameAllArriveWithTheirContents() throws Exception {
        Path batch = Files.createDirectories(paths.root().resolve("batch"));
        List<Path> logs = IntStream.range(0, 1000)
                .mapToObj(i -> batch.resolve("ms" + i).resolve("casa-20251104-101010.log"))
                .toList();
        for (int i = 0; i < logs.size(); i++) {
            Files.createDirectories(logs.get(i).getParent());
            Files.writeString(logs.get(i), "log number " + i + "\n");
        }
        logs.forEach(this::publish);

        List<Outcome> seen = outcomes.until(count(Outcome.Result.MOVED, logs.size()), WAIT);

        assertThat(seen)
                .filteredOn(o -> o.result() == Outcome.Result.MOVED)
                .hasSize(1000)
                .allSatisfy(
                        o -> assertThat(o.target()).startsWith(paths.logDir().toString()));
        Set<String> contents = new HashSet<>();
        // Only the moves: an outcome of an earlier test's work (a log seen again, vanished) may arrive meanwhile.
        for (Outcome moved :
                seen.stream().filter(o -> o.result() == Outcome.Result.MOVED).toList()) {
            contents.add(Files.readString(Path.of(moved.target())));
        }
        assertThat(contents)
                .hasSize(1000)
                .isEqualTo(IntStream.range(0, 1000)
                        .mapToObj(i -> "log number " + i + "\n")
                        .collect(Collectors.toSet()));
        assertThat(logs).allSatisfy(log -> assertThat(log).doesNotExist());
    }

    @Test
    void aLogMovedWhileAnotherProcessAppendsKeepsEveryByte() throws Exception {
        Path log = Files.createDirectories(paths.root().resolve("live")).resolve("casa-20251104-111111.log");
        // CASA's way: one open descriptor, appended to for a while.
        Process casa = new ProcessBuilder(
                        "bash",
                        "-c",
                        "exec >> \"$1\"; for i in $(seq 1 300); do echo \"line $i\"; sleep 0.01; done",
                        "casa",
                        log.toString())
                .start();
        Awaitility.await().atMost(WAIT).until(() -> Files.exists(log) && Files.size(log) > 0);
        publish(log);

        Outcome moved = outcomes.until(count(Outcome.Result.MOVED, 1), WAIT).stream()
                .filter(o -> o.path().equals(log.toString()))
                .findFirst()
                .orElseThrow();
        assertThat(casa.isAlive()).as("still writing when moved").isTrue();
        assertThat(casa.waitFor()).isZero();

        String expected =
                IntStream.rangeClosed(1, 300).mapToObj(i -> "line " + i + "\n").collect(Collectors.joining());
        assertThat(Files.readString(Path.of(moved.target()))).isEqualTo(expected);
        assertThat(log).doesNotExist();
    }

    @Test
    void anIdleTempDirectoryIsPurgedAndALinkInsideLeavesItsTargetAlone() throws Exception {
        Path outside = Files.writeString(home.resolve("outside-the-root.ms"), "precious");
        Path temp = Files.createDirectories(paths.root().resolve("TMPPOINTING_0fa3/table.f0"));
        Files.writeString(temp.resolve("data"), "x".repeat(4096));
        Path link = Files.createSymbolicLink(temp.getParent().resolve("outside"), outside);
        setBack(temp.getParent(), link, Duration.ofDays(2));
        publish(temp.getParent());

        Outcome purged = outcomes.until(count(Outcome.Result.PURGED, 1), WAIT).stream()
                .filter(o -> o.result() == Outcome.Result.PURGED)
                .findFirst()
                .orElseThrow();

        assertThat(purged.path()).isEqualTo(temp.getParent().toString());
        assertThat(purged.bytes()).isEqualTo(4096);
        assertThat(purged.entries()).isEqualTo(4);
        assertThat(temp.getParent()).doesNotExist();
        assertThat(outside).hasContent("precious");
    }

    @Test
    void aFreshTempDirectoryIsKept() throws Exception {
        Path fresh = Files.createDirectories(paths.root().resolve("TMPPOINTING_fresh"));
        Files.writeString(fresh.resolve("in-use"), "casacore is writing this");
        publish(fresh);

        Outcome kept = outcomes.until(count(Outcome.Result.KEPT, 1), WAIT).stream()
                .filter(o -> o.path().equals(fresh.toString()))
                .findFirst()
                .orElseThrow();

        assertThat(kept.detail()).startsWith("active: newest change");
        assertThat(fresh.resolve("in-use")).exists();
    }

    @Test
    void forgedRequestsForSystemFilesAreRejectedAtEveryStep() throws Exception {
        // A forger names the host whose processors it targets: the host filter lets these through, the path checks
        // must not.
        String passwd = Files.readString(Path.of("/etc/passwd"));
        var forged = new FileEvent(
                "/etc/passwd",
                FileEvent.Kind.CREATED,
                FileEvent.FileType.FILE,
                1L,
                Instant.now(),
                "/etc",
                FileEvent.Source.WATCH,
                "test-host",
                Instant.now());
        sender.send(Topics.FS_EVENTS, forged.path(), forged, null);
        // Straight onto the processors' own topics, past the classifier.
        sender.send(Topics.LOG_MOVES, "/etc/passwd", new LogMoveRequest(forged, Instant.now()), null);
        var etc = new FileEvent(
                "/etc",
                FileEvent.Kind.PRESENT,
                FileEvent.FileType.DIRECTORY,
                1L,
                Instant.now(),
                "/",
                FileEvent.Source.SCAN,
                "test-host",
                Instant.now());
        sender.send(Topics.TEMP_PURGES, "/etc", new TempPurgeRequest(etc, "tmppointing", Instant.now()), null);
        sender.flush();

        List<Outcome> seen = outcomes.until(count(Outcome.Result.REJECTED, 3), WAIT);

        assertThat(seen)
                .filteredOn(o -> o.result() == Outcome.Result.REJECTED)
                .extracting(Outcome::stage, Outcome::path)
                .contains(
                        Tuple.tuple(Outcome.Stage.CLASSIFY, "/etc/passwd"),
                        Tuple.tuple(Outcome.Stage.LOG_MOVE, "/etc/passwd"),
                        Tuple.tuple(Outcome.Stage.TEMP_PURGE, "/etc"));
        assertThat(Files.readString(Path.of("/etc/passwd"))).isEqualTo(passwd);
    }

    @Test
    void aUvh5FileRenamedIntoIncomingBecomesAPointingObservation() throws Exception {
        Path partial = Dsa110File.at(Instant.parse("2024-09-08T10:38:21Z"), -12.5)
                .writeTo(paths.incoming().resolve("2024-09-08T10:38:21_sb00_incomplete.hdf5"));
        Path file = Files.move(partial, paths.incoming().resolve("2024-09-08T10:38:21_sb00.hdf5"));
        try (var pointing = new TopicTail<>(kafka, Topics.POINTING)) {
            publish(file);
            var observation = pointing.until(all -> !all.isEmpty(), WAIT).get(0);
            assertThat(observation.sourceFile()).isEqualTo(file.toString());
            assertThat(observation.kind()).isEqualTo("dsa110-meridian");
        }
        assertThat(outcomes.until(count(Outcome.Result.EXTRACTED, 1), WAIT))
                .anySatisfy(o -> assertThat(o.path()).isEqualTo(file.toString()));
    }

    @Test
    void aPoisonRecordGoesToTheDeadLetterQueueAndProcessingGoesOn() throws Exception {
        byte[] key = ("/poison/" + UUID.randomUUID()).getBytes(StandardCharsets.UTF_8);
        byte[] poison = "{not json".getBytes(StandardCharsets.UTF_8);
        RecordMetadata poisoned;
        try (var raw =
                new KafkaProducer<>(kafka.producer("test-raw"), new ByteArraySerializer(), new ByteArraySerializer())) {
            poisoned = raw.send(new ProducerRecord<>(Topics.FS_EVENTS.name(), key, poison))
                    .get();
        }
        // The good record right behind the poison, on its partition: the task that met the poison must go on.
        Path after = Files.writeString(paths.root().resolve("casa-20251104-121212.log"), "after the poison");
        RecordMetadata behind;
        try (var typed = new KafkaProducer<>(
                kafka.producer("test-typed"),
                Topics.FS_EVENTS.keySerde().serializer(),
                Topics.FS_EVENTS.valueSerde().serializer())) {
            behind = typed.send(new ProducerRecord<>(
                            Topics.FS_EVENTS.name(), poisoned.partition(), after.toString(), event(after)))
                    .get();
        }
        assertThat(behind.offset()).isGreaterThan(poisoned.offset());

        assertThat(outcomes.until(count(Outcome.Result.MOVED, 1), WAIT))
                .anySatisfy(o -> assertThat(o.path()).isEqualTo(after.toString()));
        DeadLetterReader.assertKept(
                DeadLetterReader.letterOf(
                        kafka, Topics.FS_EVENTS.name(), poisoned.partition(), poisoned.offset(), WAIT),
                key,
                poison);
    }

    /**
     * Seeded hostile records on each of the four topics the processors read ({@link HostileRecords}: not JSON, cut
     * short, of another shape, JSON null, an unknown enum value, a missing field, no key, a tombstone, too large) go
     * to {@code contimg.dlq} as they were, with the headers that say why, where from and which application could not
     * read them; each is counted by topic in the processors' status; the processors go on and move the next log.
     */
    @Test
    void unreadableRecordsOnEveryInputAreDeadLetteredCountedAndTheWorkGoesOn() throws Exception {
        String log0 = paths.root().resolve("casa-20251104-101010.log").toString();
        String uvh5 = paths.incoming().resolve("2025-11-04T10:09:15_sb00.hdf5").toString();
        List<HostileRecords> inputs = List.of(
                HostileRecords.of(Topics.FS_EVENTS, log0, Samples.casaLogCreated(log0)),
                HostileRecords.of(Topics.LOG_MOVES, log0, Samples.logMove(log0)),
                HostileRecords.of(Topics.TEMP_PURGES, log0, Samples.tempPurge(paths.scratch() + "/TMPPOINTING_1")),
                HostileRecords.of(Topics.POINTING_REQUESTS, uvh5, Samples.pointingRequest(uvh5)));
        Map<String, Object> before = app.status(true).metrics();
        HostileRecords.Sent sent = HostileRecords.sendEveryFlawTwice(kafka, inputs, 29);
        DeadLetterReader.assertAllKept(kafka, sent, applicationId, WAIT);
        Map<String, Object> after = app.status(true).metrics();
        for (HostileRecords input : inputs) {
            String counter = input.deadLetterCounter();
            assertThat(count(after, counter) - count(before, counter))
                    .as(counter)
                    .isEqualTo(2L * input.flaws().size());
        }
        assertThat(count(after, "dead_letters") - count(before, "dead_letters"))
                .isEqualTo(sent.at().size());

        Path log = Files.writeString(paths.root().resolve("casa-20251104-202020.log"), "after the hostile ones\n");
        publish(log);
        outcomes.until(
                o -> o.stream()
                        .anyMatch(x ->
                                x.result() == Outcome.Result.MOVED && x.path().equals(log.toString())),
                WAIT);
        assertThat(app.state()).isEqualTo(KafkaStreams.State.RUNNING);
    }

    private void publish(Path path) {
        FileEvent event = event(path);
        sender.send(Topics.FS_EVENTS, event.path(), event, null);
    }

    private static FileEvent event(Path path) {
        try {
            var attributes = Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            return new FileEvent(
                    path.toString(),
                    FileEvent.Kind.CREATED,
                    attributes.isDirectory() ? FileEvent.FileType.DIRECTORY : FileEvent.FileType.FILE,
                    attributes.size(),
                    attributes.lastModifiedTime().toInstant(),
                    paths.root().toString(),
                    FileEvent.Source.WATCH,
                    "test-host",
                    Instant.now());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static long count(Map<String, Object> metrics, String name) {
        return ((Number) metrics.getOrDefault(name, 0L)).longValue();
    }

    private static Predicate<List<Outcome>> count(Outcome.Result result, int atLeast) {
        return all -> all.stream().filter(o -> o.result() == result).count() >= atLeast;
    }

    private static void setBack(Path dir, Path link, Duration age) throws Exception {
        FileTime old = FileTime.from(Instant.now().minus(age));
        try (var walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                if (!Files.isSymbolicLink(p)) {
                    Files.setLastModifiedTime(p, old);
                }
            }
        }
        new ProcessBuilder("touch", "-h", "-d", "@" + old.toInstant().getEpochSecond(), link.toString())
                .start()
                .waitFor();
    }
}
