package org.dsa110.contimg.sink.write;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.awaitility.Awaitility;
import org.dsa110.contimg.contract.Samples;
import org.dsa110.contimg.contract.config.KafkaSettings;
import org.dsa110.contimg.contract.testing.DeadLetterReader;
import org.dsa110.contimg.contract.testing.HostileRecords;
import org.dsa110.contimg.contract.testing.SharedKafka;
import org.dsa110.contimg.contract.testing.TestBroker;
import org.dsa110.contimg.contract.topics.TopicSender;
import org.dsa110.contimg.contract.topics.Topics;
import org.dsa110.contimg.sink.store.PointingStore;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** {@code contimg.pointing} on a real broker into a real SQLite file. */
@ExtendWith(SharedKafka.class)
class PointingSinkTest {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static KafkaSettings kafka;
    private static TestBroker broker;

    @TempDir
    Path dir;

    @BeforeAll
    static void topics(TestBroker shared) {
        broker = shared;
        kafka = shared.withContractTopics();
    }

    @Test
    void everyObservationBecomesOneRowAndOffsetsAreCommittedAfterTheDatabase() throws Exception {
        String prefix = "/data/incoming/" + UUID.randomUUID() + "/";
        publish(prefix, 2500);
        String group = "test-sink-" + UUID.randomUUID();
        Path db = dir.resolve("products.sqlite3");
        try (var sink = new PointingSink(kafka, db, Clock.systemUTC(), group)) {
            sink.start();
            Awaitility.await().atMost(WAIT).until(() -> rows(prefix) == 2500);
            Awaitility.await().atMost(WAIT).until(() -> committedAll(group));
            assertThat(sink.counters().lastError()).isNull();
        }
        // The same group again: everything was committed, so it resumes after the 2,500 and writes none of them
        // twice. One marker per partition, published after the restart, proves it read every partition to its end.
        try (var again = new PointingSink(kafka, db, Clock.systemUTC(), group)) {
            again.start();
            String markers = "/data/incoming/" + UUID.randomUUID() + "/marker-";
            publishOnEveryPartition(markers);
            Awaitility.await()
                    .atMost(WAIT)
                    .until(() -> rows(markers) == kafka.topics().partitions());
            Awaitility.await().atMost(WAIT).until(() -> committedAll(group));
            assertThat(again.counters().rowsWritten())
                    .as("only the markers")
                    .isEqualTo(kafka.topics().partitions());
        }
        // A replay from the beginning (a new group) rewrites the same rows: still one per observation. The rows are
        // spoiled first, so the replay's work is seen in this test's own rows, not in a count other tests' records
        // on the shared topic could make up.
        assertThat(spoil(db, prefix)).isEqualTo(2500);
        try (var replay = new PointingSink(kafka, db, Clock.systemUTC(), group + "-replay")) {
            replay.start();
            Awaitility.await().atMost(WAIT).until(() -> spoiled(db, prefix) == 0);
            Awaitility.await().atMost(WAIT).until(() -> committedAll(group + "-replay"));
        }
        assertThat(rows(prefix)).isEqualTo(2500);
    }

    @Test
    void aLockedDatabaseIsRetriedAndNoRecordIsSkipped() throws Exception {
        String prefix = "/data/incoming/" + UUID.randomUUID() + "/";
        Path db = dir.resolve("products.sqlite3");
        PointingStore.open(db, Clock.systemUTC()).close();
        try (Connection locker = DriverManager.getConnection("jdbc:sqlite:" + db)) {
            locker.createStatement().execute("BEGIN EXCLUSIVE"); // an operator's long write, say
            publish(prefix, 100);
            try (var sink = new PointingSink(kafka, db, Clock.systemUTC(), "test-sink-" + UUID.randomUUID())) {
                sink.start();
                Awaitility.await().atMost(WAIT).until(() -> sink.counters().lastError() != null);
                assertThat(sink.counters().lastError()).contains("cannot write").contains("locked");

                locker.createStatement().execute("ROLLBACK"); // the lock goes
                Awaitility.await().atMost(WAIT).until(() -> rows(prefix) == 100);
                Awaitility.await().atMost(WAIT).until(() -> sink.counters().lastError() == null);
            }
        }
    }

    @Test
    void offsetsAreNeverCommittedPastABatchTheDatabaseHasNotTaken() throws Exception {
        String prefix = "/data/incoming/" + UUID.randomUUID() + "/";
        String group = "test-sink-" + UUID.randomUUID();
        Path db = dir.resolve("products.sqlite3");
        PointingStore.open(db, Clock.systemUTC()).close();
        Map<TopicPartition, Long> before = endOffsets();
        try (Connection locker = DriverManager.getConnection("jdbc:sqlite:" + db)) {
            locker.createStatement().execute("BEGIN EXCLUSIVE");
            publish(prefix, 100);
            try (var sink = new PointingSink(kafka, db, Clock.systemUTC(), group)) {
                sink.start();
                // It holds a batch it cannot write: the lock refuses it.
                Awaitility.await().atMost(WAIT).until(() -> sink.counters().lastError() != null);
                assertThat(sink.counters().rowsWritten()).isZero();
            } // stopped while the database is still locked

            Map<TopicPartition, OffsetAndMetadata> committed = committed(group);
            for (TopicPartition partition : before.keySet()) {
                OffsetAndMetadata offset = committed.get(partition);
                assertThat(offset == null ? 0 : offset.offset())
                        .as("committed offset of %s", partition)
                        .isLessThanOrEqualTo(before.get(partition));
            }
            locker.createStatement().execute("ROLLBACK");
        }
        // Restarted in the same group with the lock gone: every row of the batch lands.
        try (var again = new PointingSink(kafka, db, Clock.systemUTC(), group)) {
            again.start();
            Awaitility.await().atMost(WAIT).until(() -> rows(prefix) == 100);
            Awaitility.await().atMost(WAIT).until(() -> committedAll(group));
        }
    }

    @Test
    void aSinkWaitingOnALockedDatabaseSurvivesARebalanceAndNothingIsLost() throws Exception {
        String first = "/data/incoming/" + UUID.randomUUID() + "/";
        String second = "/data/incoming/" + UUID.randomUUID() + "/";
        String group = "test-sink-" + UUID.randomUUID();
        Path dbA = dir.resolve("a.sqlite3");
        Path dbB = dir.resolve("b.sqlite3");
        PointingStore.open(dbA, Clock.systemUTC()).close();
        try (Connection locker = DriverManager.getConnection("jdbc:sqlite:" + dbA)) {
            locker.createStatement().execute("BEGIN EXCLUSIVE");
            publish(first, 60);
            try (var sinkA = new PointingSink(kafka, dbA, Clock.systemUTC(), group)) {
                sinkA.start();
                Awaitility.await().atMost(WAIT).until(() -> sinkA.counters().lastError() != null);
                try (var sinkB = new PointingSink(kafka, dbB, Clock.systemUTC(), group)) {
                    sinkB.start(); // joins the group: a rebalance while A holds an unwritten batch
                    Awaitility.await().atMost(WAIT).until(() -> sinkB.counters().rowsWritten() > 0);
                    locker.createStatement().execute("ROLLBACK");
                    Awaitility.await().atMost(WAIT).until(() -> sinkA.counters().lastError() == null);

                    publish(second, 60); // both must still be working for all of these to land
                    // Rows may be written by both instances (harmless); what counts is that none is missing.
                    Awaitility.await()
                            .atMost(WAIT)
                            .until(() -> distinct(dbA, dbB, first) == 60 && distinct(dbA, dbB, second) == 60);
                }
            }
        }
        System.out.printf(
                "rebalance test: first round A %d rows, B %d rows; second round A %d, B %d%n",
                rows(dbA, first), rows(dbB, first), rows(dbA, second), rows(dbB, second));
        assertThat(distinct(dbA, dbB, first)).isEqualTo(60);
    }

    @Test
    void aPoisonRecordGoesToTheDeadLettersWithItsHeadersAndTheRowsAfterItAreWritten() throws Exception {
        byte[] poison = "{\"schema\":1,\"source_file\":".getBytes(StandardCharsets.UTF_8); // cut short
        byte[] key = ("poison-" + UUID.randomUUID()).getBytes(StandardCharsets.UTF_8);
        long poisonOffset;
        // Every flaw a record of either topic the sink reads can have (seeded); each must be dead-lettered as it was.
        String file = "/data/incoming/" + UUID.randomUUID() + "/2025-11-04T10:09:15_sb00.hdf5";
        List<HostileRecords> inputs = List.of(
                HostileRecords.of(Topics.POINTING, file, Samples.pointing(file)),
                HostileRecords.of(
                        Topics.CALIBRATOR_TRANSITS,
                        "3C286@" + UUID.randomUUID(),
                        Samples.transit("3C286", "J1331+3030", 60983.43, "2025-11-04T10:15:00Z", 0.9)));
        HostileRecords.Sent sent;
        try (var producer = new KafkaProducer<>(
                kafka.producer("test-poison"), new ByteArraySerializer(), new ByteArraySerializer())) {
            poisonOffset = producer.send(new ProducerRecord<>(Topics.POINTING.name(), 0, key, poison))
                    .get()
                    .offset();
            sent = HostileRecords.sendEveryFlawTwice(producer, inputs, 29, 0);
        }
        String after = "/data/incoming/" + UUID.randomUUID() + "/after-";
        publishOnEveryPartition(after); // partition 0's marker sits behind the poison record
        Path db = dir.resolve("products.sqlite3");
        String group = "test-sink-" + UUID.randomUUID();
        try (var sink = new PointingSink(kafka, db, Clock.systemUTC(), group)) {
            sink.start();
            Awaitility.await()
                    .atMost(WAIT)
                    .until(() -> rows(after) == kafka.topics().partitions());
            // At least these: the group reads the shared topics from the beginning, other tests' poison too.
            assertThat(sink.counters().deadLetters())
                    .isGreaterThanOrEqualTo(1 + sent.records().size());
            assertThat(sink.failure()).isNull();
        }
        DeadLetterReader.assertKept(
                DeadLetterReader.letterOf(kafka, Topics.POINTING.name(), 0, poisonOffset, WAIT), key, poison);
        DeadLetterReader.assertAllKept(kafka, sent, group, WAIT);
    }

    /**
     * The database's filesystem full (a 4 MiB tmpfs, filled to its last byte): the sink says why in its counters
     * (the status's issue) and goes on living, writes nothing and commits nothing past what it could not write;
     * once space is freed it writes every row by itself, none lost. Needs root for the mount; skipped, saying so,
     * elsewhere.
     */
    @Test
    void aFullDiskUnderTheDatabaseHoldsItsRowsUntilSpaceReturns() throws Exception {
        Path disk = Files.createDirectories(dir.resolve("small-disk"));
        Process mount = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=4m", "tmpfs", disk.toString())
                .redirectErrorStream(true)
                .start();
        String said = new String(mount.getInputStream().readAllBytes()).strip();
        assumeTrue(
                mount.waitFor() == 0, "a tmpfs cannot be mounted here (" + said + "): the full-disk test needs root");
        try {
            Path db = disk.resolve("products.sqlite3");
            try (var sink = new PointingSink(kafka, db, Clock.systemUTC(), "test-sink-" + UUID.randomUUID())) {
                sink.start();
                String before = "/data/incoming/" + UUID.randomUUID() + "/before-";
                publishOnEveryPartition(before);
                Awaitility.await()
                        .atMost(WAIT)
                        .until(() -> rows(db, before) == kafka.topics().partitions());

                Path filler = disk.resolve("filler");
                try (var out = Files.newOutputStream(filler)) {
                    byte[] block = new byte[64 * 1024];
                    while (true) {
                        out.write(block);
                    }
                } catch (IOException e) {
                    // No space left on device: full to the last block
                }
                var during = new ArrayList<String>();
                for (int i = 0; i < 5; i++) {
                    String prefix = "/data/incoming/" + UUID.randomUUID() + "/during-";
                    during.add(prefix);
                    publishOnEveryPartition(prefix);
                }
                Awaitility.await().atMost(WAIT).until(() -> sink.counters().lastError() != null);
                assertThat(sink.counters().lastError())
                        .as("the reason, for the status")
                        .containsIgnoringCase("full");
                assertThat(sink.failure())
                        .as("a full disk is waited out, not fatal")
                        .isNull();
                Thread.sleep(2_000); // retries meanwhile: the reason stays for as long as the disk is full
                assertThat(sink.counters().lastError()).containsIgnoringCase("full");

                Files.delete(filler);
                Awaitility.await().atMost(WAIT).until(() -> sink.counters().lastError() == null);
                for (String prefix : during) {
                    Awaitility.await()
                            .atMost(WAIT)
                            .until(() -> rows(db, prefix) == kafka.topics().partitions());
                }
                assertThat(sink.failure()).isNull();
            }
        } finally {
            new ProcessBuilder("umount", disk.toString()).inheritIO().start().waitFor();
        }
    }

    /** Sets this test's rows' declination to an impossible value; how many rows it spoiled. */
    private static int spoil(Path db, String prefix) throws Exception {
        try (Connection sql = DriverManager.getConnection("jdbc:sqlite:" + db);
                var statement =
                        sql.prepareStatement("UPDATE pointing_history SET dec_deg = 999 WHERE source_file LIKE ?")) {
            statement.setString(1, prefix + "%");
            return statement.executeUpdate();
        }
    }

    /** This test's rows still spoiled: none once every one of its observations has been written again. */
    private static long spoiled(Path db, String prefix) throws Exception {
        try (Connection sql = DriverManager.getConnection("jdbc:sqlite:" + db);
                var statement = sql.prepareStatement(
                        "SELECT count(*) FROM pointing_history WHERE source_file LIKE ? AND dec_deg = 999")) {
            statement.setString(1, prefix + "%");
            try (var result = statement.executeQuery()) {
                result.next();
                return result.getLong(1);
            }
        }
    }

    private long distinct(Path a, Path b, String prefix) throws Exception {
        var files = new HashSet<String>();
        for (Path db : List.of(a, b)) {
            try (Connection sql = DriverManager.getConnection("jdbc:sqlite:" + db);
                    var statement =
                            sql.prepareStatement("SELECT source_file FROM pointing_history WHERE source_file LIKE ?")) {
                statement.setString(1, prefix + "%");
                try (var result = statement.executeQuery()) {
                    while (result.next()) {
                        files.add(result.getString(1));
                    }
                }
            }
        }
        return files.size();
    }

    private long rows(Path db, String prefix) throws Exception {
        try (Connection sql = DriverManager.getConnection("jdbc:sqlite:" + db);
                var statement =
                        sql.prepareStatement("SELECT count(*) FROM pointing_history WHERE source_file LIKE ?")) {
            statement.setString(1, prefix + "%");
            try (var result = statement.executeQuery()) {
                result.next();
                return result.getLong(1);
            }
        }
    }

    @Test
    void aCalibratorTransitIsWrittenAndItsTombstoneDeletesIt() throws Exception {
        String name = "J" + UUID.randomUUID(); // this test's own source: other tests' transits do not count
        var transit = Samples.transit(name, null, 61055.573, "2026-01-15T13:45:22Z", 0.9);
        Path db = dir.resolve("products.sqlite3");
        try (var sink = new PointingSink(kafka, db, Clock.systemUTC(), "test-sink-" + UUID.randomUUID());
                var sender = new TopicSender(kafka.producer("test-transits"))) {
            sink.start();
            sender.send(Topics.CALIBRATOR_TRANSITS, transit.key(), transit, null);
            sender.flush();
            Awaitility.await().atMost(WAIT).until(() -> transits(db, name) == 1);
            // The processors retract a transit a re-extracted file no longer holds with a tombstone.
            sender.send(Topics.CALIBRATOR_TRANSITS, transit.key(), null, null);
            sender.flush();
            Awaitility.await().atMost(WAIT).until(() -> transits(db, name) == 0);
            assertThat(sink.counters().lastError()).isNull();
        }
    }

    private static long transits(Path db, String calibrator) throws Exception {
        try (Connection sql = DriverManager.getConnection("jdbc:sqlite:" + db);
                var statement = sql.prepareStatement("SELECT count(*) FROM calibrator_transits WHERE calibrator = ?")) {
            statement.setString(1, calibrator);
            try (var result = statement.executeQuery()) {
                result.next();
                return result.getLong(1);
            }
        } catch (SQLException e) {
            return -1; // the sink has not created the table yet
        }
    }

    private void publish(String prefix, int count) {
        try (var sender = new TopicSender(kafka.producer("test"))) {
            for (int i = 0; i < count; i++) {
                var observation = Samples.pointingAtRandomTime(prefix + i + "_sb00.hdf5", i % 360);
                sender.send(Topics.POINTING, observation.sourceFile(), observation, null);
            }
            sender.flush();
        }
    }

    /** One observation on each partition of {@code contimg.pointing}, named {@code prefix + partition}. */
    private void publishOnEveryPartition(String prefix) throws Exception {
        try (var producer = new KafkaProducer<>(
                kafka.producer("test-markers"),
                Topics.POINTING.keySerde().serializer(),
                Topics.POINTING.valueSerde().serializer())) {
            for (int p = 0; p < kafka.topics().partitions(); p++) {
                var marker = Samples.pointingAtRandomTime(prefix + p + "_sb00.hdf5", p);
                producer.send(new ProducerRecord<>(Topics.POINTING.name(), p, marker.sourceFile(), marker))
                        .get();
            }
        }
    }

    /** This test's rows; none while the sink has not made the table yet (it opens the database on its own thread). */
    private long rows(String prefix) throws Exception {
        try (Connection sql = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("products.sqlite3"));
                var statement =
                        sql.prepareStatement("SELECT count(*) FROM pointing_history WHERE source_file LIKE ?")) {
            statement.setString(1, prefix + "%");
            try (var result = statement.executeQuery()) {
                result.next();
                return result.getLong(1);
            }
        } catch (SQLException e) {
            if (String.valueOf(e.getMessage()).contains("no such table")) {
                return 0;
            }
            throw e;
        }
    }

    private static Map<TopicPartition, Long> endOffsets() throws Exception {
        try (Admin admin = broker.admin()) {
            List<TopicPartition> partitions = IntStream.range(0, kafka.topics().partitions())
                    .mapToObj(p -> new TopicPartition(Topics.POINTING.name(), p))
                    .toList();
            var ends = admin.listOffsets(
                            partitions.stream().collect(Collectors.toMap(p -> p, p -> OffsetSpec.latest())))
                    .all()
                    .get();
            return partitions.stream()
                    .collect(Collectors.toMap(p -> p, p -> ends.get(p).offset()));
        }
    }

    private static Map<TopicPartition, OffsetAndMetadata> committed(String group) throws Exception {
        try (Admin admin = broker.admin()) {
            var committed = admin.listConsumerGroupOffsets(group)
                    .partitionsToOffsetAndMetadata()
                    .get();
            var present = new HashMap<TopicPartition, OffsetAndMetadata>();
            committed.forEach((partition, offset) -> {
                if (offset != null) {
                    present.put(partition, offset);
                }
            });
            return present;
        }
    }

    private static boolean committedAll(String group) throws Exception {
        try (Admin admin = broker.admin()) {
            List<TopicPartition> partitions = IntStream.range(0, kafka.topics().partitions())
                    .mapToObj(p -> new TopicPartition(Topics.POINTING.name(), p))
                    .toList();
            var ends = admin.listOffsets(
                            partitions.stream().collect(Collectors.toMap(p -> p, p -> OffsetSpec.latest())))
                    .all()
                    .get();
            var committed = admin.listConsumerGroupOffsets(group)
                    .partitionsToOffsetAndMetadata()
                    .get();
            return partitions.stream()
                    .allMatch(p -> ends.get(p).offset() == 0
                            || committed.get(p) != null
                                    && committed.get(p).offset() == ends.get(p).offset());
        }
    }
}
