package org.dsa110.contimg.processors.purge;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.dsa110.contimg.contract.config.PipelinePaths;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One pass of the purge rules over a real tree ({@code contimg housekeeping}): aged and fresh candidates, a link
 * named like one, a deeper match, the scratch rules; a dry run that deletes nothing; a mount point; two passes at
 * once on the same tree, as the command beside the processors' purger.
 */
class HousekeepingTest {

    private static final Duration HOUR = Duration.ofHours(1);

    @TempDir
    Path home;

    private PipelinePaths paths;
    private Path root;
    private Path scratch;

    @BeforeEach
    void tree() throws IOException {
        paths = PipelinePaths.resolve(new PipelinePaths.Flags(home, null, null, null, null, null, null), Map.of());
        root = Files.createDirectories(paths.root());
        scratch = Files.createDirectories(paths.scratch().resolve("tmp")).getParent();
    }

    @Test
    void idleCandidatesGoAndEverythingElseStays() throws IOException {
        Path old = tempDir(root.resolve("TMPPOINTING_old"), 3, 100, Duration.ofHours(5));
        Path fresh = tempDir(root.resolve("TMPPOINTING_fresh"), 1, 10, Duration.ofMinutes(10));
        Path deep = tempDir(root.resolve("obs/TMPPOINTING_deep"), 1, 10, Duration.ofHours(5));
        Path elsewhere = tempDir(home.resolve("elsewhere"), 1, 10, Duration.ofHours(5));
        Path link = Files.createSymbolicLink(root.resolve("TMPPOINTING_link"), elsewhere);
        Path scratchFile = Files.writeString(scratch.resolve("tmp/casa-scratch.tmp"), "x".repeat(7));
        age(scratchFile, Duration.ofHours(2));
        Path stream = tempDir(scratch.resolve("stream_20251104"), 2, 50, Duration.ofHours(2));

        List<Housekeeping.RulePass> passes = housekeeping(HOUR).run(false);

        assertThat(old).doesNotExist();
        assertThat(scratchFile).doesNotExist();
        assertThat(stream).doesNotExist();
        assertThat(fresh).exists();
        assertThat(deep)
                .as("only direct entries of a rule's root are its candidates")
                .exists();
        assertThat(link).isSymbolicLink();
        assertThat(elsewhere.resolve("f0")).exists();
        Housekeeping.RulePass tmppointing = pass(passes, "tmppointing");
        assertThat(tmppointing.removed()).isEqualTo(1);
        assertThat(tmppointing.bytesFreed()).isEqualTo(300);
        assertThat(tmppointing.failed()).isFalse();
        assertThat(results(tmppointing))
                .containsEntry(fresh, PurgeResult.Active.class)
                .containsEntry(link, PurgeResult.Rejected.class)
                .containsEntry(old, PurgeResult.Purged.class)
                .hasSize(3);
        assertThat(pass(passes, "scratch-tmp").removed()).isEqualTo(1);
        assertThat(pass(passes, "scratch-tmp").bytesFreed()).isEqualTo(7);
        assertThat(pass(passes, "scratch-stream").bytesFreed()).isEqualTo(100);
    }

    @Test
    void aDryRunDeletesNothingAndSaysSinceWhenEachIsIdle() throws IOException {
        Path old = tempDir(root.resolve("TMPPOINTING_old"), 2, 10, Duration.ofHours(5));
        Instant idleSince = Files.getLastModifiedTime(old).toInstant();
        Path fresh = tempDir(root.resolve("TMPPOINTING_fresh"), 1, 10, Duration.ofMinutes(1));

        Housekeeping.RulePass pass = pass(housekeeping(HOUR).run(true), "tmppointing");

        assertThat(old.resolve("f0")).exists();
        assertThat(fresh).exists();
        assertThat(pass.removed()).isZero();
        assertThat(pass.due()).extracting(Housekeeping.Checked::path).containsExactly(old);
        assertThat(pass.due().get(0).result()).isEqualTo(new PurgeResult.Due(idleSince));
    }

    @Test
    void aMountPointNamedLikeACandidateIsNeverPurged() throws Exception {
        Path mounted = Files.createDirectories(root.resolve("TMPPOINTING_mounted"));
        try (var tmpfs = Tmpfs.at(mounted)) {
            Path precious = Files.writeString(tmpfs.at().resolve("data.ms"), "another filesystem's data");
            age(mounted, Duration.ofHours(5));

            Housekeeping.RulePass pass = pass(housekeeping(HOUR).run(false), "tmppointing");

            assertThat(precious).hasContent("another filesystem's data");
            assertThat(pass.checked())
                    .containsExactly(new Housekeeping.Checked(
                            mounted, new PurgeResult.Rejected("is a mount point: another filesystem is never purged")));
            assertThat(pass.failed()).isFalse();
        }
    }

    @Test
    void aMissingRootIsNothingToPurgeNotAFailure() throws IOException {
        Files.delete(scratch.resolve("tmp"));
        Housekeeping.RulePass pass = pass(housekeeping(HOUR).run(false), "scratch-tmp");
        assertThat(pass.rootMissing()).isTrue();
        assertThat(pass.failed()).isFalse();
    }

    @Test
    void twoPassesAtOnceOnTheSameTreeBothSucceedAndEverythingIdleGoes() throws Exception {
        // The command beside the running processors: the same purger, at the same moment, on the same directories.
        List<Path> dirs = new ArrayList<>();
        for (int d = 0; d < 20; d++) {
            dirs.add(tempDir(root.resolve(String.format("TMPPOINTING_%02d", d)), 100, 1, Duration.ofHours(5)));
        }
        var pool = Executors.newFixedThreadPool(2);
        try {
            Callable<List<Housekeeping.RulePass>> pass =
                    () -> housekeeping(HOUR).run(false);
            Future<List<Housekeeping.RulePass>> a = pool.submit(pass);
            Future<List<Housekeeping.RulePass>> b = pool.submit(pass);
            Housekeeping.RulePass first = pass(a.get(), "tmppointing");
            Housekeeping.RulePass second = pass(b.get(), "tmppointing");

            assertThat(dirs).allSatisfy(dir -> assertThat(dir).doesNotExist());
            assertThat(first.failures()).isEmpty();
            assertThat(second.failures()).isEmpty();
            assertThat(first.checked().size() + second.checked().size()).isGreaterThanOrEqualTo(20);
            // Each directory went once: one pass purged it; the other found it gone, or found it just changed (the
            // first pass's unlinks touch the directory's mtime) and left it to the pass already deleting it.
            for (var both : List.of(first, second)) {
                assertThat(both.checked())
                        .allSatisfy(c -> assertThat(c.result())
                                .isInstanceOfAny(
                                        PurgeResult.Purged.class,
                                        PurgeResult.Vanished.class,
                                        PurgeResult.Active.class));
            }
            // Two passes inside one directory at once may both end it as theirs; each file is deleted, and its bytes
            // counted, exactly once.
            assertThat(first.removed() + second.removed()).isGreaterThanOrEqualTo(20);
            assertThat(first.bytesFreed() + second.bytesFreed()).isEqualTo(20 * 100);
        } finally {
            pool.shutdownNow();
        }
    }

    private Housekeeping housekeeping(Duration age) {
        return new Housekeeping(PurgeRule.defaults(paths, age), Clock.systemUTC());
    }

    private static Housekeeping.RulePass pass(List<Housekeeping.RulePass> passes, String rule) {
        return passes.stream()
                .filter(p -> p.rule().name().equals(rule))
                .findFirst()
                .orElseThrow();
    }

    private static Map<Path, Class<?>> results(Housekeeping.RulePass pass) {
        var results = new HashMap<Path, Class<?>>();
        pass.checked().forEach(c -> results.put(c.path(), c.result().getClass()));
        return results;
    }

    /** A directory of {@code files} files of {@code bytes} bytes each, everything last changed {@code age} ago. */
    private static Path tempDir(Path dir, int files, int bytes, Duration age) throws IOException {
        Files.createDirectories(dir);
        for (int f = 0; f < files; f++) {
            Files.writeString(dir.resolve("f" + f), "x".repeat(bytes));
        }
        age(dir, age);
        return dir;
    }

    private static void age(Path path, Duration age) throws IOException {
        FileTime then = FileTime.from(Instant.now().minus(age));
        try (var walk = Files.walk(path)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.setLastModifiedTime(p, then);
            }
        }
    }
}
