package org.dsa110.contimg.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.dsa110.contimg.app.CommandRun.run;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.dsa110.contimg.contract.json.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The operators' habits as commands: {@code contimg housekeeping} (the old {@code housekeeping.py}),
 * {@code contimg sweep-logs} (the old {@code find ... -exec mv}), and {@code --log-level} on every command, run as an
 * operator runs them, on a real tree, their lines and exit codes as printed.
 */
class OperatorCommandsTest {

    @TempDir
    Path home;

    @Test
    void housekeepingPrintsTheOldScriptsLinesAndADryRunDeletesNothing() throws IOException {
        Path root = home.resolve("data");
        Path old = tempDir(root.resolve("TMPPOINTING_20251102"), 3, Duration.ofHours(2));
        Path fresh = tempDir(root.resolve("TMPPOINTING_20251104"), 1, Duration.ofMinutes(5));

        CommandRun dry = run("housekeeping", "--home", home.toString(), "--temp-age", "3600", "--dry-run");
        assertThat(dry.status()).isZero();
        assertThat(dry.out())
                .containsPattern("Would remove " + old + ": idle since 20[0-9-]+T[0-9:]+Z \\(2 h 0 min\\)")
                .contains("Would remove 1 old TMPPOINTING* directories from " + root)
                .contains("Nothing to purge: " + home.resolve("scratch/tmp") + " is not a directory");
        assertThat(old.resolve("f0")).exists();

        CommandRun real =
                run("housekeeping", "--root-dir", root.toString(), "--home", home.toString(), "--temp-age", "3600");
        assertThat(real.status()).as(real.err()).isZero();
        assertThat(real.out()).contains("Removed 1 old TMPPOINTING* directories from " + root + " (300 B freed)");
        assertThat(old).doesNotExist();
        assertThat(fresh).exists();

        tempDir(root.resolve("TMPPOINTING_20251103"), 2, Duration.ofHours(2));
        CommandRun json = run("housekeeping", "--home", home.toString(), "--temp-age", "3600", "--json");
        List<JsonNode> rules = jsonLines(json.out());
        assertThat(rules)
                .extracting(r -> r.get("rule").asText())
                .containsExactly("tmppointing", "scratch-tmp", "scratch-stream");
        assertThat(rules.get(0).get("removed").asInt()).isEqualTo(1);
        assertThat(rules.get(0).get("bytes_freed").asLong()).isEqualTo(200);
        assertThat(rules.get(0).get("entries").findValuesAsText("result"))
                .containsExactlyInAnyOrder("purged", "active");
    }

    @Test
    void housekeepingExitsOneAndSaysWhatCouldNotBeDeleted() throws Exception {
        Path stuck = tempDir(home.resolve("data/TMPPOINTING_stuck"), 2, Duration.ofHours(2));
        Path immutable = stuck.resolve("f1");
        // An immutable file resists even root: a real failure to delete, no fake needed.
        assumeTrue(chattr("+i", immutable) == 0, "chattr +i is not supported here");
        try {
            CommandRun run = run("housekeeping", "--home", home.toString(), "--temp-age", "3600");
            assertThat(run.status()).isEqualTo(1);
            assertThat(run.err()).contains("Could not remove all of " + stuck + ": 2 entries left");
            assertThat(run.out())
                    .contains("Removed 0 old TMPPOINTING* directories from " + home.resolve("data") + " (100 B freed)");
        } finally {
            chattr("-i", immutable);
        }
    }

    @Test
    void sweepLogsMovesEveryLogInPlaceOverwritingNoneAndPrintsTheOldDaemonsLines() throws IOException {
        Path root = home.resolve("data");
        Path logDir = home.resolve("state/logs");
        Files.createDirectories(logDir);
        Files.writeString(logDir.resolve("casa-20251104-101010.log"), "moved last week\n");
        Path a = write(root.resolve("2025-11-04/casa-20251104-101010.log"), "a\n");
        Path b = write(root.resolve("obs/x/y/casa-20251104-101010.log"), "b\n");
        Path c = write(root.resolve("obs/casa-20251104-111111.log"), "c\n");

        CommandRun dry = run("sweep-logs", "--home", home.toString(), "--dry-run");
        assertThat(dry.out())
                .contains("Would move " + a + " (its name is taken: a new one)")
                .contains("Would move " + c + "\n")
                .contains("Would move 3 CASA logs from " + root + " into " + logDir + " (2 under a new name, "
                        + "their own taken)");
        assertThat(a).exists();

        CommandRun real = run("sweep-logs", "--home", home.toString());
        assertThat(real.status()).as(real.err()).isZero();
        assertThat(real.out())
                .contains("Detected casa log file: " + a)
                .containsPattern("Moved " + b + " -> " + logDir + "/casa-20251104-101010_[0-9-]+\\.log")
                .contains("Moved " + c + " -> " + logDir.resolve("casa-20251104-111111.log"))
                .contains("Swept 3 CASA logs from " + root + " into " + logDir + ": 3 moved (2 under a new name, "
                        + "their own taken), 0 skipped, 0 failed");
        assertThat(List.of(a, b, c)).allSatisfy(log -> assertThat(log).doesNotExist());
        assertThat(logDir.resolve("casa-20251104-101010.log")).hasContent("moved last week\n");
        assertThat(ChildContimg.names(logDir)).hasSize(4);

        write(root.resolve("late/casa-20251104-121212.log"), "d\n");
        List<JsonNode> lines =
                jsonLines(run("sweep-logs", "--home", home.toString(), "--json").out());
        assertThat(lines.get(0).get("result").asText()).isEqualTo("moved");
        assertThat(lines.get(1).get("summary").asBoolean()).isTrue();
        assertThat(lines.get(1).get("moved").asInt()).isEqualTo(1);
    }

    @Test
    void logLevelOnAnyCommandShowsTheDebugLines() throws Exception {
        Files.createDirectories(home.resolve("data"));
        try (var debug = ChildContimg.startWithProductLogging(
                        "sweep-logs", "--home", home.toString(), "--log-level", "debug");
                var quiet = ChildContimg.startWithProductLogging("sweep-logs", "--home", home.toString())) {
            assertThat(debug.awaitExit()).isZero();
            assertThat(quiet.awaitExit()).isZero();
            assertThat(debug.errors())
                    .anyMatch(line -> line.contains(" DEBUG LogSweep - Sweeping " + home.resolve("data")));
            assertThat(quiet.errors()).noneMatch(line -> line.contains(" DEBUG "));
        }
        CommandRun bad = run("sweep-logs", "--home", home.toString(), "--log-level", "LOUD");
        assertThat(bad.status()).isEqualTo(2);
        assertThat(bad.err()).contains("--log-level", "LOUD");
    }

    private static List<JsonNode> jsonLines(String text) throws IOException {
        var lines = new ArrayList<JsonNode>();
        for (String line : text.strip().split("\n")) {
            lines.add(Json.mapper().readTree(line));
        }
        return lines;
    }

    /** A directory of {@code files} files of 100 bytes, everything last changed {@code age} ago. */
    private static Path tempDir(Path dir, int files, Duration age) throws IOException {
        Files.createDirectories(dir);
        for (int f = 0; f < files; f++) {
            Files.writeString(dir.resolve("f" + f), "x".repeat(100));
        }
        FileTime then = FileTime.from(Instant.now().minus(age));
        try (var walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.setLastModifiedTime(p, then);
            }
        }
        return dir;
    }

    private static Path write(Path file, String content) throws IOException {
        Files.createDirectories(file.getParent());
        return Files.writeString(file, content);
    }

    private static int chattr(String flag, Path file) throws Exception {
        return new ProcessBuilder("chattr", flag, file.toString())
                .redirectErrorStream(true)
                .start()
                .waitFor();
    }
}
