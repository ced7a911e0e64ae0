package org.dsa110.contimg.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.awaitility.Awaitility;
import org.dsa110.contimg.contract.Outcome;
import org.dsa110.contimg.contract.Samples;
import org.dsa110.contimg.contract.config.KafkaSettings;
import org.dsa110.contimg.contract.config.PipelinePaths;
import org.dsa110.contimg.contract.testing.GroupProgress;
import org.dsa110.contimg.contract.testing.SharedKafka;
import org.dsa110.contimg.contract.testing.TestBroker;
import org.dsa110.contimg.contract.testing.TopicTail;
import org.dsa110.contimg.contract.topics.TopicSender;
import org.dsa110.contimg.contract.topics.Topics;
import org.dsa110.contimg.fixtures.Dsa110File;
import org.dsa110.contimg.processors.ProcessorsService;
import org.dsa110.contimg.processors.ProcessorsSettings;
import org.dsa110.contimg.sink.write.PointingSink;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's reprocessing procedure, end to end on a real broker: the processors and the sink run, stop, are
 * reset to a time with {@code contimg kafka-tool}, and run again over the same events. Nothing is lost (every
 * event is processed again) and nothing is duplicated (one row per file, one moved log).
 */
@ExtendWith(SharedKafka.class)
class ReprocessingTest {

    private static final Duration WAIT = Duration.ofSeconds(60);
    /** The tools' --to-datetime format, in UTC. */
    private static final DateTimeFormatter TOOL_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSXXX").withZone(ZoneOffset.UTC);

    private static KafkaSettings kafka;

    @TempDir
    Path home;

    @BeforeAll
    static void topics(TestBroker shared) {
        kafka = shared.withContractTopics();
    }

    @Test
    void resettingTheProcessorsAndTheSinkToATimeReprocessesEverythingOnce() throws Exception {
        PipelinePaths paths =
                PipelinePaths.resolve(new PipelinePaths.Flags(home, null, null, null, null, null, null), Map.of());
        for (Path dir : List.of(paths.root(), paths.incoming(), paths.logDir())) {
            Files.createDirectories(dir);
        }
        List<Path> files = new ArrayList<>();
        // Times no other test on the shared broker uses: one mid-time keeps the first file's row.
        for (String start : List.of("2024-01-05T13:27:00Z", "2025-08-09T21:33:00Z")) {
            files.add(Dsa110File.at(Instant.parse(start), 63.2).writeInto(paths.incoming()));
        }
        Path log = Files.writeString(paths.root().resolve("casa-20251104-101511.log"), "CASA <INFO>\n");
        String application = "test-processors-" + UUID.randomUUID();
        String group = "test-sink-" + UUID.randomUUID();
        var settings = ProcessorsSettings.defaults(paths, Samples.HOST);

        Instant before = Instant.now().minusSeconds(1);
        try (var outcomes = new TopicTail<>(kafka, Topics.OUTCOMES);
                var processors = new ProcessorsService(settings, kafka, application, null);
                var sink = new PointingSink(kafka, paths.productsDb(), Clock.systemUTC(), group)) {
            processors.start();
            sink.start();
            try (var sender = new TopicSender(kafka.producer("test"))) {
                for (Path file : files) {
                    sender.send(Topics.FS_EVENTS, file.toString(), Samples.uvh5Created(file.toString()), null);
                }
                sender.send(Topics.FS_EVENTS, log.toString(), Samples.casaLogCreated(log.toString()), null);
                sender.flush();
            }
            outcomes.until(
                    all -> all.stream()
                                            .filter(o -> o.result() == Outcome.Result.EXTRACTED)
                                            .count()
                                    == 2
                            && all.stream().anyMatch(o -> o.result() == Outcome.Result.MOVED),
                    WAIT);
            Awaitility.await().atMost(WAIT).until(() -> rows(paths.productsDb()) == 2);
        }
        assertThat(paths.logDir().resolve(log.getFileName())).exists();

        // The procedure: everything stopped (above), the processors' local state removed, both reset to a time.
        deleteTree(paths.state().resolve("streams"));
        var reset = tool(
                "streams-application-reset",
                "--bootstrap-server",
                kafka.bootstrapServers(),
                "--application-id",
                application,
                "--input-topics",
                Topics.FS_EVENTS.name(),
                "--to-datetime",
                TOOL_TIME.format(before));
        assertThat(reset.exit).as(reset.out).isZero();
        var sinkReset = tool(
                "consumer-groups",
                "--bootstrap-server",
                kafka.bootstrapServers(),
                "--group",
                group,
                "--reset-offsets",
                "--topic",
                Topics.POINTING.name(),
                "--to-datetime",
                TOOL_TIME.format(before),
                "--execute");
        assertThat(sinkReset.exit).as(sinkReset.out).isZero();
        // The processors' transactional producers, as an operator looking for a hanging transaction lists them.
        var transactions = toolPrinting("transactions", "--bootstrap-server", kafka.bootstrapServers(), "list");
        assertThat(transactions.exit).as(transactions.out).isZero();
        assertThat(transactions.out).contains(application + "-");

        assertThat(spoil(paths.productsDb())).isEqualTo(2);
        try (var outcomes = new TopicTail<>(kafka, Topics.OUTCOMES);
                var processors = new ProcessorsService(settings, kafka, application, null);
                var sink = new PointingSink(kafka, paths.productsDb(), Clock.systemUTC(), group)) {
            processors.start();
            sink.start();
            // Every event again: the files extracted again, the log (already moved) found gone.
            List<Outcome> again = outcomes.until(
                    all -> all.stream()
                                            .filter(o -> files.stream()
                                                            .anyMatch(f ->
                                                                    f.toString().equals(o.path()))
                                                    && o.result() == Outcome.Result.EXTRACTED)
                                            .count()
                                    == 2
                            && all.stream().anyMatch(o -> o.path().equals(log.toString())),
                    WAIT);
            assertThat(again)
                    .filteredOn(o -> o.path().equals(log.toString()))
                    .extracting(Outcome::result)
                    .containsExactly(Outcome.Result.VANISHED);
            // The sink, reset too, reads the old and the new observations: upserts, so still one row per file. Seen
            // in this test's own rows (spoiled before it started, written again by it), and the group caught up to
            // the topic's end after the new observations (other tests' records cannot stand in for them).
            Awaitility.await().atMost(WAIT).until(() -> spoiled(paths.productsDb()) == 0);
            try (var admin = Admin.create(kafka.admin("test"))) {
                var ends = GroupProgress.ends(admin, List.of(Topics.POINTING.name()));
                Awaitility.await().atMost(WAIT).until(() -> GroupProgress.committedUpTo(admin, group, ends));
            }
        }
        assertThat(rows(paths.productsDb())).isEqualTo(2);
        try (var logs = Files.list(paths.logDir())) {
            assertThat(logs).containsExactly(paths.logDir().resolve(log.getFileName()));
        }
    }

    private static void deleteTree(Path dir) throws Exception {
        try (var entries = Files.walk(dir)) {
            for (Path entry : entries.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(entry);
            }
        }
    }

    private record Run(int exit, String out) {}

    private static Run tool(String... args) {
        var out = new StringWriter();
        List<String> all = new ArrayList<>(List.of("kafka-tool"));
        all.addAll(List.of(args));
        int exit = Contimg.commandLine().setOut(new PrintWriter(out, true)).execute(all.toArray(String[]::new));
        return new Run(exit, out.toString());
    }

    /** A Kafka tool that prints to standard output rather than to the command's writer. */
    private static Run toolPrinting(String... args) {
        PrintStream stdout = System.out;
        var captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            int exit = tool(args).exit;
            return new Run(exit, captured.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(stdout);
        }
    }

    /** Gives this test's rows an impossible declination, which only a rewrite by the sink mends; how many. */
    private int spoil(Path db) throws Exception {
        try (Connection sql = DriverManager.getConnection("jdbc:sqlite:" + db);
                var statement =
                        sql.prepareStatement("UPDATE pointing_history SET dec_deg = 999 WHERE source_file LIKE ?")) {
            statement.setString(1, home + "/%");
            return statement.executeUpdate();
        }
    }

    private long spoiled(Path db) throws Exception {
        try (Connection sql = DriverManager.getConnection("jdbc:sqlite:" + db);
                var statement = sql.prepareStatement(
                        "SELECT count(*) FROM pointing_history WHERE source_file LIKE ? AND dec_deg = 999")) {
            statement.setString(1, home + "/%");
            try (var result = statement.executeQuery()) {
                return result.getLong(1);
            }
        }
    }

    /** Rows of this test's files: the sink also reads other tests' observations from the shared broker. */
    private long rows(Path db) throws Exception {
        if (!Files.exists(db)) {
            return 0;
        }
        try (Connection sql = DriverManager.getConnection("jdbc:sqlite:" + db);
                var statement =
                        sql.prepareStatement("SELECT count(*) FROM pointing_history WHERE source_file LIKE ?")) {
            statement.setString(1, home + "/%");
            try (var result = statement.executeQuery()) {
                return result.getLong(1);
            }
        } catch (SQLException e) {
            return 0; // the sink has not made the table yet
        }
    }
}
