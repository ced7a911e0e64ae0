package org.dsa110.contimg.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.dsa110.contimg.contract.testing.ReferenceCorpus;
import org.dsa110.contimg.contract.testing.RequiresCorpus;
import org.dsa110.contimg.fixtures.BrokenUvH5;
import org.dsa110.contimg.fixtures.Dsa110File;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bounded fuzzing run of {@code mvn verify}: a few thousand seeded hostile mutations of the fixtures and of the
 * reference corpus, each of which must give a pointing or a one-line error within 10 s and 64 MiB allocated, never
 * an {@code Error} or another exception ({@link FuzzBench}; the long run is {@code contimg bench fuzz},
 * docs/performance.md). A violation names its file and seed: {@code UvH5Mutations(file).mutant(seed)} is the case
 * again, and becomes a test of its own ({@code HostileFilesTest}).
 */
class UvH5FuzzTest {

    private static final Duration HANG = Duration.ofSeconds(10);
    private static final long MAX_ALLOCATED = 64L << 20;

    @TempDir
    Path home;

    @Test
    void mutatedFixturesGiveAPointingOrAOneLineError() throws Exception {
        Path sources = Files.createDirectories(home.resolve("sources"));
        var files = new ArrayList<Path>();
        Instant start = Instant.parse("2025-10-21T06:25:27Z");
        files.add(Dsa110File.at(start, 57.5).writeInto(sources));
        files.add(Dsa110File.at(start.plusSeconds(300), -20.0)
                .withHourAngleDeg(3.0)
                .writeInto(sources));
        for (var broken : List.of(BrokenUvH5.STRING_DECLINATION, BrokenUvH5.NO_TIME_ARRAY)) {
            files.add(
                    broken.writeInto(Files.createDirectories(sources.resolve(broken.name())), start.plusSeconds(600)));
        }

        var figures = fuzz(files, 1_500);

        assertThat(figures.violations()).isEmpty();
        assertThat(figures.cases()).isEqualTo(1_500);
        assertThat(figures.pointings())
                .as("mutations that leave a file readable still read")
                .isPositive();
        assertThat(figures.errors()).isPositive();
    }

    @Test
    @RequiresCorpus
    void mutatedCorpusFilesGiveAPointingOrAOneLineError() throws Exception {
        List<Path> files;
        try (Stream<Path> all = Stream.of("dsa110", "pyuvdata", "variants", "bad")
                .map(ReferenceCorpus.root()::resolve)
                .flatMap(UvH5FuzzTest::list)) {
            files = all.filter(f -> f.toFile().length() > 0).toList();
        }

        var figures = fuzz(files, 3_000);

        assertThat(figures.violations()).isEmpty();
        assertThat(figures.cases()).isEqualTo(3_000);
    }

    private FuzzBench.Figures fuzz(List<Path> files, int cases) throws Exception {
        Path work = Files.createDirectories(home.resolve("work"));
        var figures = new FuzzBench(work, HANG, MAX_ALLOCATED).run(files, 1, cases, Duration.ofMinutes(5));
        System.out.printf(
                "fuzz: %d cases, %d pointings, %d errors, %d violations; median %.2f ms, max %.0f ms, at most %.1f"
                        + " MiB allocated%n",
                figures.cases(),
                figures.pointings(),
                figures.errors(),
                figures.violations().size(),
                figures.medianMs(),
                figures.maxMs(),
                figures.maxAllocatedMiB());
        return figures;
    }

    private static Stream<Path> list(Path dir) {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries
                    .filter(Files::isRegularFile)
                    .filter(f -> f.toString().endsWith(".hdf5") || f.toString().endsWith(".uvh5"))
                    .sorted()
                    .toList()
                    .stream();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
