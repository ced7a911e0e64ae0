package org.dsa110.contimg.processors.logs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.dsa110.contimg.processors.purge.Tmpfs;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogMoverTest {

    private static final Instant NOW = Instant.parse("2025-11-04T10:15:12Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    @TempDir
    Path home;

    private Path root;
    private Path logDir;
    private LogMover mover;
    private Path otherLogDir;

    @BeforeEach
    void tree() throws IOException {
        root = Files.createDirectories(home.resolve("data"));
        logDir = root.resolve("state/logs");
        mover = new LogMover(root, logDir, Duration.ofSeconds(5), CLOCK);
    }

    @Test
    void movesALogUnderItsBaseNameKeepingItsBytesAndMtime() throws IOException {
        Path log = write(root.resolve("ms/field1/casa-20251104-101010.log"), "CASA says hello\n");
        FileTime mtime = Files.getLastModifiedTime(log);

        var result = (MoveResult.Moved) mover.move(log);

        assertThat(result.target()).isEqualTo(logDir.resolve("casa-20251104-101010.log"));
        assertThat(result.bytes()).isEqualTo(16);
        assertThat(result.target()).hasContent("CASA says hello");
        assertThat(Files.getLastModifiedTime(result.target())).isEqualTo(mtime);
        assertThat(log).doesNotExist();
    }

    @Test
    void aTakenNameGetsAUniqueOneAndNothingIsOverwritten() throws IOException {
        Path first = write(root.resolve("a/casa-20251104-101010.log"), "first");
        Path second = write(root.resolve("b/casa-20251104-101010.log"), "second");
        Path third = write(root.resolve("c/casa-20251104-101010.log"), "third");

        Path t1 = ((MoveResult.Moved) mover.move(first)).target();
        Path t2 = ((MoveResult.Moved) mover.move(second)).target();
        Path t3 = ((MoveResult.Moved) mover.move(third)).target();

        assertThat(t1.getFileName()).hasToString("casa-20251104-101010.log");
        assertThat(t2.getFileName()).hasToString("casa-20251104-101010_20251104-101512.log");
        assertThat(t3.getFileName()).hasToString("casa-20251104-101010_20251104-101512-2.log");
        assertThat(t1).hasContent("first");
        assertThat(t2).hasContent("second");
        assertThat(t3).hasContent("third");
    }

    @Test
    void movingTheSamePathTwiceMakesNoSecondCopy() throws IOException {
        Path log = write(root.resolve("casa-20251104-101010.log"), "once");
        assertThat(mover.move(log)).isInstanceOf(MoveResult.Moved.class);
        assertThat(mover.move(log)).isInstanceOf(MoveResult.Vanished.class);
        try (var files = Files.list(logDir)) {
            assertThat(files).hasSize(1);
        }
    }

    @Test
    void aMoveInterruptedBetweenLinkAndUnlinkIsFinishedNotDuplicated() throws IOException {
        Path log = write(root.resolve("casa-20251104-101010.log"), "half-moved");
        Files.createDirectories(logDir);
        Files.createLink(logDir.resolve("casa-20251104-101010.log"), log); // the crash happened here

        var result = (MoveResult.Moved) mover.move(log);

        assertThat(result.target()).isEqualTo(logDir.resolve("casa-20251104-101010.log"));
        assertThat(log).doesNotExist();
        try (var files = Files.list(logDir)) {
            assertThat(files).hasSize(1);
        }
    }

    @Test
    void refusesWhatIsNotItsToMove() throws IOException {
        Path outside = write(home.resolve("elsewhere/casa-1.log"), "x");
        Path inLogDir = write(logDir.resolve("casa-1.log"), "x");
        Path notALog = write(root.resolve("passwd"), "x");
        Path link = Files.createSymbolicLink(root.resolve("casa-link.log"), outside);

        assertThat(mover.move(outside)).isEqualTo(new MoveResult.Rejected("outside the data root " + root));
        assertThat(mover.move(inLogDir)).isEqualTo(new MoveResult.Rejected("already in the log directory"));
        assertThat(mover.move(notALog)).isEqualTo(new MoveResult.Rejected("not a CASA log (casa-*.log)"));
        assertThat(mover.move(link)).isEqualTo(new MoveResult.Rejected("is a symbolic link, not a log file"));
        assertThat(mover.move(Path.of(root + "/a/../../elsewhere/casa-1.log")))
                .isEqualTo(new MoveResult.Rejected("not an absolute normalized path"));
        assertThat(outside).exists();
        assertThat(Files.isSymbolicLink(link)).isTrue();
    }

    @Test
    void aForgedPathThroughALinkedDirectoryMovesNothing() throws IOException {
        // Tried under `contimg up` before the fix: ROOT/link -> a directory outside the root, and a record naming
        // ROOT/link/casa-*.log moved the outside directory's log into the log directory.
        Path outside = write(home.resolve("elsewhere/casa-20250101-000000.log"), "not ours");
        Files.createSymbolicLink(root.resolve("link"), outside.getParent());

        assertThat(mover.move(root.resolve("link/casa-20250101-000000.log")))
                .isEqualTo(new MoveResult.Rejected(
                        "has a symbolic link on its path (" + root.resolve("link") + "): never followed"));
        assertThat(outside).hasContent("not ours");
        assertThat(logDir).doesNotExist();
    }

    @Test
    void aLogDirectoryRemovedWhileRunningIsMadeAgain() throws IOException {
        mover.move(write(root.resolve("casa-1.log"), "1"));
        Files.delete(logDir.resolve("casa-1.log"));
        Files.delete(logDir);
        var moved = (MoveResult.Moved) mover.move(write(root.resolve("casa-2.log"), "2"));
        assertThat(moved.target()).hasContent("2");
    }

    @Test
    void aVanishedLogIsAnOutcomeNotAnError() {
        assertThat(mover.move(root.resolve("casa-gone.log"))).isInstanceOf(MoveResult.Vanished.class);
    }

    /** A log directory on another filesystem: /dev/shm (tmpfs) beside the ext4 temporary directory. */
    private Path otherFilesystemLogDir() throws IOException {
        Path shm = Path.of("/dev/shm");
        assumeTrue(
                Files.isDirectory(shm)
                        && !Files.getAttribute(shm, "unix:dev").equals(Files.getAttribute(home, "unix:dev")),
                "needs /dev/shm on another filesystem than " + home);
        otherLogDir = Files.createTempDirectory(shm, "contimg-logs");
        return otherLogDir;
    }

    @AfterEach
    void removeOtherLogDir() throws IOException {
        if (otherLogDir != null) {
            try (var files = Files.list(otherLogDir)) {
                for (Path file : files.toList()) {
                    Files.delete(file);
                }
            }
            Files.delete(otherLogDir);
        }
    }

    /**
     * The log directory's filesystem full (a 1 MiB tmpfs, filled): the move fails saying why, the log stays in place
     * whole and no partial copy is left; once space is freed the same log is moved. Needs root for the mount.
     */
    @Test
    void aFullLogDirectoryLeavesTheLogInPlaceUntilSpaceReturns() throws IOException {
        Path mounted = Files.createDirectories(home.resolve("full-logs"));
        try (var disk = Tmpfs.at(mounted)) {
            var full = new LogMover(root, mounted, Duration.ofSeconds(5), CLOCK);
            String text = "a log bigger than the space left\n".repeat(2_000);
            Path log = write(root.resolve("casa-20251104-101010.log"), text);
            Files.setLastModifiedTime(log, FileTime.from(NOW.minusSeconds(60)));
            Path filler = disk.fill();

            var failed = full.move(log);
            assertThat(failed)
                    .isInstanceOfSatisfying(
                            MoveResult.Failed.class, f -> assertThat(f.reason()).contains("No space left on device"));
            assertThat(log).hasContent(text.strip());
            try (var left = Files.list(mounted)) {
                assertThat(left).as("no partial copy left behind").containsExactly(filler);
            }

            Files.delete(filler);
            var moved = (MoveResult.Moved) full.move(log);
            assertThat(moved.target()).hasContent(text.strip());
            assertThat(log).doesNotExist();
        }
    }

    @Test
    void acrossFilesystemsOnlyAQuietLogIsCopiedThenDeleted() throws IOException {
        Path otherLogDir = otherFilesystemLogDir();
        var across = new LogMover(root, otherLogDir, Duration.ofSeconds(5), CLOCK);
        Path log = write(root.resolve("casa-20251104-101010.log"), "written on ext4\n".repeat(1000));
        Files.setLastModifiedTime(log, FileTime.from(NOW.minusSeconds(2)));

        assertThat(across.move(log)).isInstanceOf(MoveResult.NotQuiescent.class);
        assertThat(log).exists();

        Files.setLastModifiedTime(log, FileTime.from(NOW.minusSeconds(6)));
        var moved = (MoveResult.Moved) across.move(log);
        assertThat(moved.copied()).isTrue();
        assertThat(moved.target()).hasContent("written on ext4\n".repeat(1000).stripTrailing());
        assertThat(Files.getLastModifiedTime(moved.target())).isEqualTo(FileTime.from(NOW.minusSeconds(6)));
        assertThat(log).doesNotExist();
        try (var files = Files.list(otherLogDir)) {
            assertThat(files).as("no temporary file left").hasSize(1);
        }
    }

    @Test
    void anInterruptedCopyAcrossFilesystemsIsRecognisedNotDuplicated() throws IOException {
        Path otherLogDir = otherFilesystemLogDir();
        var across = new LogMover(root, otherLogDir, Duration.ofSeconds(5), CLOCK);
        Path log = write(root.resolve("casa-20251104-101010.log"), "copied, never deleted");
        FileTime old = FileTime.from(NOW.minusSeconds(60));
        Files.setLastModifiedTime(log, old);
        // An earlier attempt copied it into place and stopped before deleting the source.
        Path earlier = Files.copy(log, otherLogDir.resolve("casa-20251104-101010.log"));
        Files.setLastModifiedTime(earlier, old);

        var moved = (MoveResult.Moved) across.move(log);

        assertThat(moved.target()).isEqualTo(earlier);
        assertThat(log).doesNotExist();
        try (var files = Files.list(otherLogDir)) {
            assertThat(files).hasSize(1);
        }
    }

    private static Path write(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        return Files.writeString(file, text);
    }
}
