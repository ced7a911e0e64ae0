package org.dsa110.contimg.bench;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.dsa110.contimg.contract.PointingObservation;
import org.dsa110.contimg.contract.config.KafkaSettings;
import org.dsa110.contimg.contract.reading.TopicRange;
import org.dsa110.contimg.contract.topics.TopicSender;
import org.dsa110.contimg.contract.topics.TopicSetup;
import org.dsa110.contimg.contract.topics.Topics;
import org.dsa110.contimg.sink.write.PointingSink;

/**
 * Rebuilding a pointing database from {@code contimg.pointing}: a topic of {@code rows} observations (published
 * once), then for each run a new database and a new consumer group, timed from the sink's start until the last row
 * is in SQLite (group join, fetch, deserialization, batched upserts and offset commits all included).
 */
final class SinkBench {

    record Figures(long rows, List<Double> seconds) {

        List<Double> rowsPerSecond() {
            return seconds.stream().map(s -> rows / s).toList();
        }
    }

    private final KafkaSettings kafka;
    private final Path work;
    private final PrintWriter out;

    SinkBench(KafkaSettings kafka, Path work, PrintWriter out) {
        this.kafka = kafka;
        this.work = work;
        this.out = out;
    }

    Figures run(int rows, int runs) throws Exception {
        try (Admin admin = Admin.create(kafka.admin("contimg-bench-sink"))) {
            new TopicSetup(admin, kafka.topics(), Duration.ofSeconds(60)).ensure(Topics.all());
        }
        if (countOnTopic() > 0) {
            // The pipeline writes contimg.pointing in transactions, whose markers make offsets overcount records.
            throw new IllegalStateException(Topics.POINTING.name() + " already holds records: run the benchmark "
                    + "on a broker of its own (bench/sink.sh starts one)");
        }
        publish(rows);
        List<Double> seconds = new ArrayList<>();
        for (int run = 0; run < runs; run++) {
            Path db = work.resolve("rebuild-" + run + ".sqlite3");
            Files.deleteIfExists(db);
            long began = System.nanoTime();
            try (var sink = new PointingSink(kafka, db, Clock.systemUTC(), "contimg-bench-sink-" + UUID.randomUUID())) {
                sink.start();
                while (sink.counters().rowsWritten() < rows) {
                    if (sink.counters().lastError() != null) {
                        throw new IllegalStateException(sink.counters().lastError());
                    }
                    Thread.sleep(5);
                }
                seconds.add((System.nanoTime() - began) / 1e9);
            }
            out.printf(
                    "  run %d: %d rows in %.2f s (%d in the database)%n", run + 1, rows, seconds.get(run), count(db));
            out.flush();
            Files.deleteIfExists(db);
            Files.deleteIfExists(Path.of(db + "-wal"));
            Files.deleteIfExists(Path.of(db + "-shm"));
        }
        return new Figures(rows, seconds);
    }

    /** Publishes the observations to the empty topic. */
    private void publish(int rows) throws Exception {
        out.printf("publishing %d observations to %s%n", rows, Topics.POINTING.name());
        out.flush();
        Instant mtime = Instant.parse("2026-11-04T10:05:00Z");
        try (var sender = new TopicSender(kafka.producer("contimg-bench-sink"))) {
            String run = UUID.randomUUID().toString().substring(0, 8);
            for (int i = 0; i < rows; i++) {
                // One file every 5 minutes, as the correlator writes them: distinct mid-times, realistic values.
                double mjd = 61000 + i / 288.0 + 0.0017;
                var observation = new PointingObservation(
                        PointingObservation.SCHEMA,
                        "/data/incoming/bench-" + run + "/" + i + "_sb00.hdf5",
                        190_000_000L,
                        mtime,
                        mjd,
                        mtime,
                        mjd - 0.0017,
                        mjd + 0.0017,
                        (i * 1.25) % 360,
                        37.2 + (i % 100) / 100.0,
                        (i * 1.25 + 0.3) % 360,
                        37.1,
                        0.0,
                        (i * 1.25 + 0.3) % 360,
                        "dsa110-meridian",
                        "DSA_110",
                        new PointingObservation.Site(37.233386982, -118.283405115, 1188.0519),
                        24,
                        12.884901888,
                        0,
                        null,
                        null);
                sender.send(Topics.POINTING, observation.sourceFile(), observation, null);
            }
            sender.flush();
        }
    }

    /** Records on the topic: its offsets from beginning to end, exact on a topic no transaction has written. */
    private long countOnTopic() {
        try (var range = new TopicRange<>(kafka, Topics.POINTING, "contimg-bench-sink")) {
            return range.from(null).expected();
        }
    }

    private static long count(Path db) throws Exception {
        try (Connection sql = DriverManager.getConnection("jdbc:sqlite:" + db);
                var result = sql.createStatement().executeQuery("SELECT count(*) FROM pointing_history")) {
            return result.getLong(1);
        }
    }
}
