package org.dsa110.contimg.processors.logs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code contimg sweep-logs} on a real tree: CASA logs in nested directories under one name, one already taken in
 * the log directory, a link named like a log, a log already in the log directory; all moved, none overwritten.
 */
class LogSweepTest {

    @TempDir
    Path home;

    private Path root;
    private Path logDir;

    @BeforeEach
    void tree() throws IOException {
        root = Files.createDirectories(home.resolve("data"));
        logDir = Files.createDirectories(root.resolve("state/logs"));
    }

    @Test
    void everyLogInPlaceGoesIntoTheLogDirectoryAndNoneIsOverwritten() throws IOException {
        Path taken = Files.writeString(logDir.resolve("casa-20251104-101010.log"), "moved last week\n");
        List<Path> logs = List.of(
                log("2025-11-04/casa-20251104-101010.log", "imaging run a\n"),
                log("obs/a/b/casa-20251104-101010.log", "imaging run b\n"),
                log("casa-20251104-101010.log", "imaging run c\n"),
                log("obs/casa-20251104-121212.log", "calibration\n"));
        Path elsewhere = Files.writeString(home.resolve("elsewhere.log"), "not a log of the tree\n");
        Path link = Files.createSymbolicLink(root.resolve("obs/casa-20251104-131313.log"), elsewhere);

        LogSweep.Sweep sweep = new LogSweep(root, logDir, Duration.ofSeconds(5), Clock.systemUTC()).run(false);

        assertThat(sweep.logs()).extracting(LogSweep.Swept::path).containsExactlyInAnyOrderElementsOf(logs);
        assertThat(sweep.logs()).allSatisfy(s -> assertThat(s.result()).isInstanceOf(MoveResult.Moved.class));
        assertThat(sweep.logs().stream().filter(LogSweep.Swept::renamed)).hasSize(3);
        assertThat(logs).allSatisfy(log -> assertThat(log).doesNotExist());
        assertThat(taken).hasContent("moved last week\n");
        assertThat(contents(logDir))
                .containsExactlyInAnyOrder(
                        "moved last week\n", "imaging run a\n", "imaging run b\n", "imaging run c\n", "calibration\n");
        assertThat(link).as("a link is not a log: never followed, never moved").isSymbolicLink();
        assertThat(elsewhere).hasContent("not a log of the tree\n");
        assertThat(sweep.unreadable()).isEmpty();
    }

    @Test
    void aDryRunMovesNothingAndSaysWhichNamesAreTaken() throws IOException {
        Files.writeString(logDir.resolve("casa-20251104-101010.log"), "moved last week\n");
        Path a = log("obs/casa-20251104-101010.log", "a\n");
        Path b = log("obs/casa-20251104-111111.log", "b\n");

        LogSweep.Sweep sweep = new LogSweep(root, logDir, Duration.ofSeconds(5), Clock.systemUTC()).run(true);

        assertThat(a).exists();
        assertThat(b).exists();
        assertThat(sweep.logs()).containsExactly(new LogSweep.Swept(a, null, true), new LogSweep.Swept(b, null, false));
        try (Stream<Path> inLogDir = Files.list(logDir)) {
            assertThat(inLogDir).hasSize(1);
        }
    }

    private Path log(String relative, String content) throws IOException {
        Path log = root.resolve(relative);
        Files.createDirectories(log.getParent());
        return Files.writeString(log, content);
    }

    private static List<String> contents(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(f -> {
                        try {
                            return Files.readString(f);
                        } catch (IOException e) {
                            throw new IllegalStateException(e);
                        }
                    })
                    .collect(Collectors.toList());
        }
    }
}
