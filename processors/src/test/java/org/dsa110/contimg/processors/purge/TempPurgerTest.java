package org.dsa110.contimg.processors.purge;

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
import java.util.Comparator;
import java.util.Map;
import org.dsa110.contimg.contract.config.PipelinePaths;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TempPurgerTest {

    private static final Duration DAY = Duration.ofHours(24);

    @TempDir
    Path home;

    private Path root;
    private Path scratch;
    private TempPurger purger;
    private final Instant now = Instant.now();

    @BeforeEach
    void tree() throws IOException {
        var paths = PipelinePaths.resolve(new PipelinePaths.Flags(home, null, null, null, null, null, null), Map.of());
        root = Files.createDirectories(paths.root());
        scratch = Files.createDirectories(paths.scratch());
        purger = new TempPurger(PurgeRule.defaults(paths, DAY), Clock.fixed(now, ZoneOffset.UTC));
    }

    @Test
    void anIdleTemporaryDirectoryIsPurgedWithWhatItHeld() throws IOException {
        Path temp = Files.createDirectories(root.resolve("TMPPOINTING_0fa3/table.f0"));
        Files.writeString(temp.resolve("data"), "x".repeat(1000));
        Files.writeString(temp.getParent().resolve("table.lock"), "y".repeat(24));
        age(root.resolve("TMPPOINTING_0fa3"), Duration.ofHours(48));

        var result = purger.check(root.resolve("TMPPOINTING_0fa3"));

        assertThat(result).isEqualTo(new PurgeResult.Purged(4, 1024));
        assertThat(root.resolve("TMPPOINTING_0fa3")).doesNotExist();
    }

    @Test
    void anythingRecentInsideKeepsTheWholeDirectory() throws IOException {
        Path temp = Files.createDirectories(root.resolve("TMPPOINTING_busy/sub"));
        Files.writeString(temp.resolve("old"), "x");
        Path fresh = Files.writeString(temp.resolve("fresh"), "just written");
        age(root.resolve("TMPPOINTING_busy"), Duration.ofHours(48));
        Files.setLastModifiedTime(fresh, FileTime.from(now.minusSeconds(60))); // one recent file, deep inside

        var result = purger.check(root.resolve("TMPPOINTING_busy"));

        assertThat(result).isEqualTo(new PurgeResult.Active(now.minusSeconds(60)));
        assertThat(fresh).exists();
    }

    @Test
    void aLinkInsideIsRemovedAsALinkAndItsTargetIsUntouched() throws IOException {
        Path outside = Files.writeString(home.resolve("precious.ms"), "do not touch");
        Path outsideDir = Files.createDirectories(home.resolve("precious-dir"));
        Files.writeString(outsideDir.resolve("inside"), "do not touch either");
        Path temp = Files.createDirectories(root.resolve("TMPPOINTING_links"));
        Files.createSymbolicLink(temp.resolve("to-file"), outside);
        Files.createSymbolicLink(temp.resolve("to-dir"), outsideDir);
        Files.createSymbolicLink(temp.resolve("loop"), temp);
        age(temp, Duration.ofHours(48));

        var result = purger.check(temp);

        assertThat(result).isInstanceOf(PurgeResult.Purged.class);
        assertThat(temp).doesNotExist();
        assertThat(outside).hasContent("do not touch");
        assertThat(outsideDir.resolve("inside")).hasContent("do not touch either");
    }

    @Test
    void aLinkNamedLikeACandidateIsNotACandidate() throws IOException {
        Path target = Files.createDirectories(home.resolve("real-data"));
        Files.writeString(target.resolve("keep"), "x");
        Path link = Files.createSymbolicLink(root.resolve("TMPPOINTING_link"), target);

        assertThat(purger.check(link))
                .isEqualTo(new PurgeResult.Rejected("is a symbolic link: never followed, never purged"));
        assertThat(target.resolve("keep")).exists();
        assertThat(Files.isSymbolicLink(link)).isTrue();
    }

    @Test
    void nothingOutsideARuleIsEverPurgedWhateverTheRequestSays() throws IOException {
        Path deep = Files.createDirectories(root.resolve("ms/TMPPOINTING_deep"));
        age(deep, Duration.ofHours(48));
        assertThat(purger.check(deep)).isEqualTo(new PurgeResult.Rejected("no purge rule covers it"));
        assertThat(purger.check(Path.of("/etc"))).isEqualTo(new PurgeResult.Rejected("no purge rule covers it"));
        assertThat(purger.check(Path.of(root + "/TMPPOINTING_x/../../../etc")))
                .isEqualTo(new PurgeResult.Rejected("not an absolute normalized path"));
        assertThat(deep).exists();
    }

    @Test
    void scratchTmpEntriesAndStreamDirectoriesFollowTheirRules() throws IOException {
        Path tmpFile = Files.writeString(
                Files.createDirectories(scratch.resolve("tmp")).resolve("leftover.fits"), "z");
        Path stream = Files.createDirectories(scratch.resolve("stream_20251101"));
        age(tmpFile, Duration.ofHours(25));
        age(stream, Duration.ofHours(25));

        assertThat(purger.check(tmpFile)).isEqualTo(new PurgeResult.Purged(1, 1));
        assertThat(purger.check(stream)).isEqualTo(new PurgeResult.Purged(1, 0));
    }

    @Test
    void whatCannotBeDeletedIsReportedNotCountedAsPurged() throws Exception {
        Path temp = Files.createDirectories(root.resolve("TMPPOINTING_stuck"));
        Files.writeString(temp.resolve("gone"), "a");
        Path stuck = Files.writeString(temp.resolve("immutable"), "b");
        age(temp, Duration.ofHours(48));
        // An immutable file resists even root: a real partial deletion, no fake needed.
        assumeTrue(run("chattr", "+i", stuck.toString()) == 0, "chattr +i is not supported here");
        try {
            var result = (PurgeResult.Partial) purger.check(temp);
            assertThat(result.entries()).isEqualTo(1);
            assertThat(result.remaining()).isEqualTo(2); // the immutable file and the directory holding it
            assertThat(result.reason()).contains("immutable");
            assertThat(stuck).exists();
        } finally {
            run("chattr", "-i", stuck.toString());
        }
    }

    @Test
    void aPurgeNeverCrossesIntoAMountedFilesystem() throws Exception {
        Path temp = Files.createDirectories(root.resolve("TMPPOINTING_mounted"));
        Files.writeString(temp.resolve("scratch.tmp"), "goes");
        Path mountPoint = Files.createDirectories(temp.resolve("mnt"));
        try (var mounted = Tmpfs.at(mountPoint)) {
            Path precious = Files.writeString(mounted.at().resolve("precious.ms"), "another filesystem's data");
            age(temp, Duration.ofHours(48));

            var result = purger.check(temp);

            assertThat(result).isInstanceOf(PurgeResult.Partial.class);
            var partial = (PurgeResult.Partial) result;
            assertThat(partial.reason()).isEqualTo(mountPoint + ": a mount point inside is never entered");
            assertThat(partial.entries()).as("the file beside the mount went").isEqualTo(1);
            assertThat(temp.resolve("scratch.tmp")).doesNotExist();
            assertThat(precious).hasContent("another filesystem's data");
            assertThat(Files.getAttribute(mountPoint, "unix:dev")).isNotEqualTo(Files.getAttribute(temp, "unix:dev"));
        }
    }

    @Test
    void aCandidateThatIsItselfAMountPointIsNotPurged() throws Exception {
        Path temp = Files.createDirectories(root.resolve("TMPPOINTING_is_a_mount"));
        try (var mounted = Tmpfs.at(temp)) {
            Path inside = Files.writeString(mounted.at().resolve("data"), "x");
            age(temp, Duration.ofHours(48));
            assertThat(purger.check(temp))
                    .isEqualTo(new PurgeResult.Rejected("is a mount point: another filesystem is never purged"));
            assertThat(inside).exists();
        }
    }

    @Test
    void aVanishedCandidateIsSaidSo() {
        assertThat(purger.check(root.resolve("TMPPOINTING_gone"))).isEqualTo(new PurgeResult.Vanished());
    }

    /** Sets the mtime of the path and everything under it back by {@code age}. */
    private void age(Path path, Duration age) throws IOException {
        FileTime old = FileTime.from(now.minus(age));
        try (var walk = Files.walk(path)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                if (!Files.isSymbolicLink(p)) {
                    Files.setLastModifiedTime(p, old);
                } else {
                    run("touch", "-h", "-d", "@" + old.toInstant().getEpochSecond(), p.toString());
                }
            }
        }
    }

    private static int run(String... command) throws IOException {
        try {
            return new ProcessBuilder(command).redirectErrorStream(true).start().waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }
}
