package org.dsa110.contimg.sink;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.awaitility.Awaitility;
import org.dsa110.contimg.events.PointingObservation;
import org.dsa110.contimg.events.config.KafkaSettings;
import org.dsa110.contimg.events.testing.SharedKafka;
import org.dsa110.contimg.events.testing.TestBroker;
import org.dsa110.contimg.events.topics.TopicSender;
import org.dsa110.contimg.events.topics.Topics;
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
        try (var store = PointingStore.open(dir.resolve("products.sqlite3"), Clock.systemUTC())) {
            try (var sink = new PointingSink(kafka, store, group)) {
                sink.start();
                Awaitility.await().atMost(WAIT).until(() -> rows(prefix) == 2500);
                Awaitility.await().atMost(WAIT).until(() -> committedAll(group));
                assertThat(sink.lastError()).isNull();
            }
            // The same group again: everything was committed, nothing is written twice.
            try (var again = new PointingSink(kafka, store, group)) {
                again.start();
                Thread.sleep(2000);
                assertThat(again.rowsWritten()).isZero();
            }
            // A replay from the beginning (a new group) rewrites the same rows: still one per observation.
            try (var replay = new PointingSink(kafka, store, group + "-replay")) {
                replay.start();
                Awaitility.await().atMost(WAIT).until(() -> replay.rowsWritten() >= 2500);
            }
        }
        assertThat(rows(prefix)).isEqualTo(2500);
    }

    @Test
    void aLockedDatabaseIsRetriedAndNoRecordIsSkipped() throws Exception {
        String prefix = "/data/incoming/" + UUID.randomUUID() + "/";
        Path db = dir.resolve("products.sqlite3");
        try (var store = PointingStore.open(db, Clock.systemUTC());
             Connection locker = DriverManager.getConnection("jdbc:sqlite:" + db)) {
            locker.createStatement().execute("BEGIN EXCLUSIVE"); // an operator's long write, say
            publish(prefix, 100);
            try (var sink = new PointingSink(kafka, store, "test-sink-" + UUID.randomUUID())) {
                sink.start();
                Awaitility.await().atMost(WAIT).until(() -> sink.lastError() != null);
                assertThat(sink.lastError()).contains("cannot write").contains("locked");

                locker.createStatement().execute("ROLLBACK"); // the lock goes
                Awaitility.await().atMost(WAIT).until(() -> rows(prefix) == 100);
                Awaitility.await().atMost(WAIT).until(() -> sink.lastError() == null);
            }
        }
    }

    private void publish(String prefix, int count) {
        try (var sender = new TopicSender(kafka.producer("test"))) {
            for (int i = 0; i < count; i++) {
                var observation = new PointingObservation(PointingObservation.SCHEMA, prefix + i + "_sb00.hdf5", 1L,
                        Instant.EPOCH, 60000 + Math.random() * 1000, Instant.EPOCH, null, null, i % 360, 37.0,
                        null, null, null, null, "dsa110-meridian", "DSA_110", null, 24, null, 0, null);
                sender.send(Topics.POINTING, observation.sourceFile(), observation, null);
            }
            sender.flush();
        }
    }

    private long rows(String prefix) throws Exception {
        try (Connection sql = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("products.sqlite3"));
             var statement = sql.prepareStatement("SELECT count(*) FROM pointing_history WHERE source_file LIKE ?")) {
            statement.setString(1, prefix + "%");
            try (var result = statement.executeQuery()) {
                result.next();
                return result.getLong(1);
            }
        }
    }

    private static boolean committedAll(String group) throws Exception {
        try (Admin admin = broker.admin()) {
            List<TopicPartition> partitions = IntStream.range(0, kafka.topics().partitions())
                    .mapToObj(p -> new TopicPartition(Topics.POINTING.name(), p)).toList();
            var ends = admin.listOffsets(partitions.stream().collect(Collectors.toMap(p -> p, p -> OffsetSpec.latest())))
                    .all().get();
            var committed = admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
            return partitions.stream().allMatch(p -> ends.get(p).offset() == 0
                    || committed.get(p) != null && committed.get(p).offset() == ends.get(p).offset());
        }
    }
}
