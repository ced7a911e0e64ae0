package org.dsa110.contimg.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.dsa110.contimg.contract.FileEvent;
import org.dsa110.contimg.contract.config.KafkaSettings;
import org.dsa110.contimg.contract.config.PipelinePaths;
import org.dsa110.contimg.contract.testing.SharedKafka;
import org.dsa110.contimg.contract.testing.TestBroker;
import org.dsa110.contimg.contract.testing.TopicTail;
import org.dsa110.contimg.contract.topics.ConsumerGroups;
import org.dsa110.contimg.contract.topics.Topics;
import org.dsa110.contimg.fixtures.BrokenUvH5;
import org.dsa110.contimg.fixtures.Dsa110File;
import org.dsa110.contimg.processors.ProcessorsService;
import org.dsa110.contimg.processors.ProcessorsSettings;
import org.dsa110.contimg.sink.write.PointingSink;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** {@code contimg backfill} on a real tree and a real broker, and through real processors and sink. */
@ExtendWith(SharedKafka.class)
class BackfillCommandTest {

    private static final String HOST = "test-host";

    private static KafkaSettings kafka;

    @TempDir
    Path home;

    @BeforeAll
    static void topics(TestBroker shared) {
        kafka = shared.withContractTopics();
    }

    @Test
    void publishesTheFilesOfTheDatesEdgesIncludedAndListsNamesWithoutATime() throws Exception {
        Path archive = Files.createDirectories(home.resolve("incoming/archive"));
        List<String> inside = List.of(
                "2025-01-01T00:00:00_sb00.hdf5",
                "nested/2025-01-02T12:00:00_sb00.hdf5",
                "2025-01-03T23:59:59_sb00.hdf5");
        List<String> outside = List.of("2024-12-31T23:59:59_sb00.hdf5", "2025-01-04T00:00:00_sb00.hdf5");
        List<String> ignored = List.of("2025-01-02T12:00:00_sb01.hdf5", "2025-01-02T12:00:00_sb00.hdf5.md5");
        List<String> skipped = List.of("calibrator_sb00.hdf5", ".2025-01-02T13:00:00_sb00.hdf5");
        for (List<String> names : List.of(inside, outside, ignored, skipped)) {
            for (String name : names) {
                Files.createDirectories(archive.resolve(name).getParent());
                Files.writeString(archive.resolve(name), "uvh5");
            }
        }
        try (var events = new TopicTail<>(kafka, Topics.FS_EVENTS)) {
            var run = backfill(archive.toString(), "--start-date", "2025-01-01", "--end-date", "2025-01-03");
            assertThat(run.exit).isZero();
            assertThat(run.out)
                    .contains("7 first-subband files under " + archive + ": 3 in the dates, 2 outside them, 2 skipped")
                    .contains("skipped " + archive.resolve("calibrator_sb00.hdf5")
                            + ": no YYYY-MM-DDTHH:MM:SS time in the name")
                    .contains("skipped " + archive.resolve(".2025-01-02T13:00:00_sb00.hdf5") + ": temporary name")
                    .contains("found 7, published 3, skipped 2");
            List<FileEvent> published = events.until(all -> all.size() >= 3, Duration.ofSeconds(30));
            assertThat(published)
                    .extracting(FileEvent::path) // keys spread over partitions: any order
                    .containsExactlyInAnyOrderElementsOf(inside.stream()
                            .map(n -> archive.resolve(n).toString())
                            .toList());
            assertThat(published).allSatisfy(event -> {
                assertThat(event.source()).isEqualTo(FileEvent.Source.BACKFILL);
                assertThat(event.kind()).isEqualTo(FileEvent.Kind.PRESENT);
                assertThat(event.type()).isEqualTo(FileEvent.FileType.FILE);
            });
            assertThat(events.during(Duration.ofSeconds(1))).hasSize(3);
        }
    }

    @Test
    void aDirectoryOutsideTheIncomingDirectoryIsRefused() throws Exception {
        Path elsewhere = Files.createDirectories(home.resolve("elsewhere"));
        var run = backfill(elsewhere.toString());
        assertThat(run.exit).isEqualTo(1);
        assertThat(run.err.strip())
                .isEqualTo("contimg backfill: error: " + elsewhere + " is not under the incoming "
                        + "directory " + home.resolve("incoming") + ": the processors extract files only there "
                        + "(--incoming, CONTIMG_INPUT_DIR; --archive, CONTIMG_ARCHIVE_DIRS)");
    }

    @Test
    void withWaitTheSummaryCountsExtractionsARerunCostsNothingAndForceReadsAgain() throws Exception {
        Path archive = Files.createDirectories(home.resolve("archive/2023"));
        PipelinePaths paths = PipelinePaths.resolve(
                new PipelinePaths.Flags(home, null, null, null, null, null, null, List.of(archive.getParent())),
                Map.of());
        Path day = Files.createDirectories(paths.incoming().resolve("2024"));
        Files.createDirectories(paths.root());
        // Times no other test on the shared broker uses: one mid-time keeps the first file's row.
        for (String start : List.of("2024-01-05T13:29:00Z", "2024-02-08T07:11:00Z", "2024-09-08T10:40:00Z")) {
            Dsa110File.at(Instant.parse(start), 41.5).writeInto(day);
        }
        // Named like 2024, but its header is 5,676 days earlier: refused, as it would be live.
        Path bad = BrokenUvH5.NAME_TIME_MISMATCH.writeInto(day, Instant.parse("2024-03-01T00:00:00Z"));
        Path db = paths.productsDb();
        var settings = ProcessorsSettings.defaults(paths, HOST);
        try (var processors = new ProcessorsService(settings, kafka, "test-processors-" + UUID.randomUUID(), null);
                var sink = new PointingSink(kafka, db, Clock.systemUTC(), ConsumerGroups.SINK.id())) {
            processors.start();
            sink.start();
            processors.awaitRunning(Duration.ofSeconds(60));

            var first = backfill(day.toString(), "--wait", "--idle-timeout", "60", "--home", home.toString());
            assertThat(first.out)
                    .contains("failed " + bad + ": header time")
                    .contains("found 4, published 4, extracted 3, unchanged 0, failed 1, skipped 0; the rows are in "
                            + "the database");
            assertThat(first.exit).as("a failed file fails the run").isEqualTo(1);
            assertThat(rows(db, day)).hasSize(3);

            // Again: the processors remember every file, unchanged since; nothing is read, no row rewritten.
            long extractedBefore = extracted(processors);
            var second = backfill(day.toString(), "--wait", "--idle-timeout", "60", "--home", home.toString());
            assertThat(second.out)
                    .contains("found 4, published 4, extracted 0, unchanged 3, failed 1, skipped 0")
                    .contains("failed " + bad + ": header time")
                    .contains("(unchanged since");
            assertThat(extracted(processors)).isEqualTo(extractedBefore);
            assertThat(rows(db, day)).hasSize(3);

            // --force: read again whatever they remember (after a fix in the extraction, say).
            var forced =
                    backfill(day.toString(), "--wait", "--force", "--idle-timeout", "60", "--home", home.toString());
            assertThat(forced.out).contains("found 4, published 4, extracted 3, unchanged 0, failed 1");
            assertThat(extracted(processors)).isEqualTo(extractedBefore + 3);
            assertThat(rows(db, day)).hasSize(3);

            // An archive outside the incoming tree, named for the processors and the backfill alike.
            Path old =
                    Dsa110File.at(Instant.parse("2023-06-01T12:00:00Z"), 12.0).writeInto(archive);
            var fromArchive = backfill(
                    archive.toString(),
                    "--wait",
                    "--idle-timeout",
                    "60",
                    "--home",
                    home.toString(),
                    "--archive",
                    archive.getParent().toString());
            assertThat(fromArchive.out).contains("found 1, published 1, extracted 1, unchanged 0, failed 0");
            assertThat(fromArchive.exit).isZero();
            assertThat(rows(db, archive)).containsExactly(old.toString());
            assertThat(archive.getParent()).isDirectoryContaining(p -> p.equals(archive));

            // Without --archive the same directory is refused, as is anything outside both.
            var refused = backfill(archive.toString(), "--home", home.toString());
            assertThat(refused.exit).isEqualTo(1);
            assertThat(refused.err).contains("is not under the incoming directory");
        }
    }

    private static long extracted(ProcessorsService processors) {
        Object count = processors.status(true).metrics().get("pointing_extracted");
        return count == null ? 0 : ((Number) count).longValue();
    }

    private record Run(int exit, String out, String err) {}

    private Run backfill(String... args) {
        var out = new StringWriter();
        var err = new StringWriter();
        List<String> all = new ArrayList<>(List.of("backfill", "--bootstrap-servers", kafka.bootstrapServers()));
        all.addAll(List.of(args));
        if (!all.contains("--home")) {
            all.addAll(List.of("--home", home.toString()));
        }
        // As the processors' host: events of another host are left for that host's processors.
        all.addAll(List.of("--host-id", HOST));
        int exit = Contimg.commandLine()
                .setOut(new PrintWriter(out, true))
                .setErr(new PrintWriter(err, true))
                .execute(all.toArray(String[]::new));
        return new Run(exit, out.toString(), err.toString());
    }

    private static List<String> rows(Path db, Path under) throws Exception {
        List<String> files = new ArrayList<>();
        try (Connection sql = DriverManager.getConnection("jdbc:sqlite:" + db);
                var statement =
                        sql.prepareStatement("SELECT source_file FROM pointing_history WHERE source_file LIKE ?")) {
            statement.setString(1, under + "/%");
            try (var result = statement.executeQuery()) {
                while (result.next()) {
                    files.add(result.getString(1));
                }
            }
        }
        return files;
    }
}
