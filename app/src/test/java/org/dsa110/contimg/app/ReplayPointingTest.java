package org.dsa110.contimg.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.dsa110.contimg.contract.PointingObservation;
import org.dsa110.contimg.contract.Samples;
import org.dsa110.contimg.contract.config.KafkaSettings;
import org.dsa110.contimg.contract.testing.SharedKafka;
import org.dsa110.contimg.contract.testing.TestBroker;
import org.dsa110.contimg.contract.topics.TopicSender;
import org.dsa110.contimg.contract.topics.Topics;
import org.dsa110.contimg.sink.write.PointingSink;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** {@code contimg replay pointing} against the live sink's database, on a real broker and real SQLite files. */
@ExtendWith(SharedKafka.class)
class ReplayPointingTest {

    private static KafkaSettings kafka;

    @TempDir
    Path dir;

    @BeforeAll
    static void topics(TestBroker shared) {
        kafka = shared.withContractTopics();
    }

    @Test
    void aReplayIntoAnEmptyDatabaseEqualsTheLiveOneAndSinceReplaysOnlyWhatCameLater() throws Exception {
        String prefix = "/data/incoming/" + UUID.randomUUID() + "/";
        Path live = dir.resolve("live.sqlite3");
        publish(prefix + "early-", 1500);
        Thread.sleep(50); // record timestamps are milliseconds: keep the two batches apart
        Instant between = Instant.now();
        Thread.sleep(50);
        publish(prefix + "late-", 700);
        try (var sink = new PointingSink(kafka, live, Clock.systemUTC(), "test-live-" + UUID.randomUUID())) {
            sink.start();
            Awaitility.await()
                    .atMost(Duration.ofSeconds(60))
                    .until(() -> rows(live, prefix).size() == 2200);
        }

        Path rebuilt = dir.resolve("rebuilt.sqlite3");
        var out = replay("--db", rebuilt.toString());
        assertThat(out.exit).isZero();
        assertThat(out.text).contains("observations written to " + rebuilt);
        assertThat(rows(rebuilt, prefix)).hasSize(2200).isEqualTo(rows(live, prefix));

        // Twice is the same as once.
        assertThat(replay("--db", rebuilt.toString()).exit).isZero();
        assertThat(rows(rebuilt, prefix)).isEqualTo(rows(live, prefix));

        Path recent = dir.resolve("recent.sqlite3");
        assertThat(replay("--db", recent.toString(), "--since", between.toString()).exit)
                .isZero();
        assertThat(rows(recent, prefix)).hasSize(700).isEqualTo(rows(live, prefix + "late-"));
    }

    @Test
    void aBadTimeIsAUsageError() {
        var out = replay("--since", "last tuesday");
        assertThat(out.exit).isEqualTo(2);
    }

    private record Run(int exit, String text) {}

    private static Run replay(String... args) {
        var out = new StringWriter();
        List<String> all =
                new ArrayList<>(List.of("replay", "pointing", "--bootstrap-servers", kafka.bootstrapServers()));
        all.addAll(List.of(args));
        var commandLine = Contimg.commandLine()
                .setOut(new PrintWriter(out, true))
                .setErr(new PrintWriter(new StringWriter(), true));
        return new Run(commandLine.execute(all.toArray(String[]::new)), out.toString());
    }

    private static void publish(String prefix, int count) {
        try (var sender = new TopicSender(kafka.producer("test"))) {
            for (int i = 0; i < count; i++) {
                PointingObservation observation = Samples.pointingAtRandomTime(prefix + i + "_sb00.hdf5", i % 360);
                sender.send(Topics.POINTING, observation.sourceFile(), observation, null);
            }
            sender.flush();
        }
    }

    /** Every column but inserted_at (when the row was written), in time order, for the rows of one prefix. */
    private static List<String> rows(Path db, String prefix) throws Exception {
        List<String> rows = new ArrayList<>();
        if (!db.toFile().exists()) {
            return rows;
        }
        try (Connection sql = DriverManager.getConnection("jdbc:sqlite:" + db);
                var statement = sql.prepareStatement("SELECT timestamp, ra_deg, dec_deg, source_file, ra_app_deg, "
                        + "dec_app_deg, ha_deg, lst_deg, telescope, kind FROM pointing_history "
                        + "WHERE source_file LIKE ? ORDER BY timestamp")) {
            statement.setString(1, prefix + "%");
            try (var result = statement.executeQuery()) {
                while (result.next()) {
                    var row = new StringBuilder();
                    for (int column = 1; column <= 10; column++) {
                        row.append(result.getString(column)).append('|');
                    }
                    rows.add(row.toString());
                }
            }
        }
        return rows;
    }
}
