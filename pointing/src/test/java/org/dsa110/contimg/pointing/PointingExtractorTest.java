package org.dsa110.contimg.pointing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jhdf.HdfFile;
import io.jhdf.api.Dataset;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.assertj.core.api.Assertions;
import org.dsa110.contimg.contract.testing.ReferenceCorpus;
import org.dsa110.contimg.contract.testing.RequiresCorpus;
import org.dsa110.contimg.fixtures.BrokenUvH5;
import org.dsa110.contimg.fixtures.Dsa110File;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PointingExtractorTest {

    private static final Instant NAMED = Instant.parse("2025-01-01T00:40:00Z");

    private final PointingExtractor extractor = new PointingExtractor(Duration.ofDays(1));

    @TempDir
    Path dir;

    @Test
    void driftScansHoldTheirHourAngleAndPhasedFilesTrackTheSky() {
        assertThat(List.of("dsa110-meridian", "drift-zenith", "catalog-unprojected", "catalog-driftscan"))
                .allMatch(PointingExtractor::holdsHourAngle);
        assertThat(List.of("catalog-sidereal", "catalog-near_field", "phased"))
                .noneMatch(PointingExtractor::holdsHourAngle);
    }

    @Test
    void aDamagedHeaderDatasetIsNamedNeverTakenForAbsent() throws Exception {
        Path file = Dsa110File.at(Instant.parse("2025-10-21T06:25:27Z"), 16.15).writeInto(dir);
        long header;
        try (var hdf = new HdfFile(file)) {
            header = hdf.getDatasetByPath("Header/longitude").getAddress();
        }
        byte[] garbage = new byte[32];
        Arrays.fill(garbage, (byte) 0xFF);
        try (var channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            channel.write(ByteBuffer.wrap(garbage), header); // the dataset's object header, overwritten
        }
        // jhdf loads a group's children together, so the damage shows at the first dataset read in the group.
        // Before, a dataset that could not be parsed was taken for absent: "no Header/time_array", or for a
        // longitude, the default site.
        assertThatThrownBy(() -> extractor.extract(file))
                .isInstanceOfSatisfying(
                        UvH5Header.UvH5Exception.class,
                        e -> assertThat(e.kind()).isEqualTo(UvH5Header.UvH5Exception.Kind.NOT_YET_WRITTEN))
                .hasMessageStartingWith("Header/time_array cannot be read: ")
                .hasMessageContaining("group '/Header/'");
    }

    @Test
    void failuresCarryTheirKindSoRetriesNeverDependOnTheWording() throws Exception {
        Path empty = Files.createFile(dir.resolve("2025-10-21T06:25:27_sb00.hdf5"));
        assertThatThrownBy(() -> extractor.extract(empty))
                .isInstanceOfSatisfying(
                        UvH5Header.UvH5Exception.class,
                        e -> assertThat(e.kind()).isEqualTo(UvH5Header.UvH5Exception.Kind.NOT_YET_WRITTEN));
        Path text = Files.writeString(dir.resolve("2025-10-21T06:30:00_sb00.hdf5"), "not HDF5 at all");
        assertThatThrownBy(() -> extractor.extract(text))
                .isInstanceOfSatisfying(
                        UvH5Header.UvH5Exception.class,
                        e -> assertThat(e.kind()).isEqualTo(UvH5Header.UvH5Exception.Kind.WRONG));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "EMPTY                  | empty file",
                "TRUNCATED              | truncated HDF5 file (",
                "NOT_HDF5               | not an HDF5 file",
                "NO_HEADER              | no Header group",
                "NO_TIME_ARRAY          | no Header/time_array",
                "STRING_DECLINATION     | phase_center_dec is a string",
                "NAN_TIME               | Header/time_array holds NaN",
                "IMPOSSIBLE_DECLINATION | declination 229.2 deg outside [-90, 90]",
                "NAME_TIME_MISMATCH     | header time 2009-06-18T",
            })
    void everyBrokenFormIsRejectedWithItsReasonInOneLine(BrokenUvH5 form, String reason) {
        Path file = form.writeInto(dir, NAMED);
        assertThatThrownBy(() -> extractor.extract(file))
                .isInstanceOf(UvH5Header.UvH5Exception.class)
                .hasMessageStartingWith(reason)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }

    @Test
    void aHeaderTimeFarFromTheFileNameSaysByHowMuch() {
        Path file = BrokenUvH5.NAME_TIME_MISMATCH.writeInto(dir, NAMED);
        assertThatThrownBy(() -> extractor.extract(file))
                .hasMessageMatching("header time 2009-06-18T\\S+Z disagrees with the file name time "
                        + "2025-01-01T00:40:00Z by 5676 days");
    }

    @Test
    void aTruncatedFileSaysHowMuchOfItIsThere() {
        Path file = BrokenUvH5.TRUNCATED.writeInto(dir, NAMED);
        assertThatThrownBy(() -> extractor.extract(file))
                .hasMessageMatching("truncated HDF5 file \\(\\d+ of \\d+ bytes; still being written\\?\\)");
    }

    @Test
    void aDsa110FileBecomesTheContractsObservationTheSameEveryTime() {
        Path file = Dsa110File.at(Instant.parse("2025-10-21T06:25:27Z"), 16.15).writeInto(dir);
        var first = extractor.extract(file);
        var again = extractor.extract(file);
        assertThat(again).isEqualTo(first);
        assertThat(first.sourceFile())
                .isEqualTo(file.toAbsolutePath().normalize().toString());
        assertThat(first.kind()).isEqualTo("dsa110-meridian");
        assertThat(first.subband()).isZero();
        assertThat(first.timeUtc())
                .isBetween(Instant.parse("2025-10-21T06:27:55Z"), Instant.parse("2025-10-21T06:28:10Z"));
        assertThat(first.ntimes()).isEqualTo(24);
        assertThat(first.decAppDeg()).isCloseTo(16.15, Assertions.within(1e-12));
        assertThat(first.site().latitudeDeg()).isEqualTo(Dsa110File.OVRO_LATITUDE_DEG);
    }

    @Test
    void bigArraysAreReadInBoundedBlocksAndGiveTheSameMinAndMax() throws Exception {
        // Blocks of 7 entries over 240: every boundary case (first, middle, short last block).
        Path file = Dsa110File.at(Instant.parse("2025-10-21T06:25:27Z"), 16.15).writeInto(dir);
        try (var hdf = new HdfFile(file)) {
            var times = (Dataset) hdf.getByPath("Header/time_array");
            double[] all = (double[]) times.getDataFlat();
            double[] range = {Double.MAX_VALUE, -Double.MAX_VALUE};
            int[] seen = {0};
            assertThat(all.length % 7).isNotZero();
            UvH5Header.inBlocks(times, "Header/time_array", 7, t -> {
                range[0] = Math.min(range[0], t);
                range[1] = Math.max(range[1], t);
                seen[0]++;
            });
            assertThat(seen[0]).isEqualTo(all.length);
            assertThat(range[0]).isEqualTo(Arrays.stream(all).min().orElseThrow());
            assertThat(range[1]).isEqualTo(Arrays.stream(all).max().orElseThrow());
        }
        assertThat(UvH5Header.BLOCK).isLessThanOrEqualTo(1 << 20);
        assertThat(UvH5Header.MAX_BLTS).isGreaterThan(111_744L * 100);
    }

    /** The corpus's broken files, written by h5py rather than by this project's writer. */
    @Nested
    @RequiresCorpus
    class CorpusBadFiles {

        @ParameterizedTest(name = "{0}: {1}")
        @CsvSource(
                delimiter = '|',
                value = {
                    "2025-01-01T00:00:00_sb00.hdf5 | truncated HDF5 file (40000 of ",
                    "2025-01-01T00:05:00_sb00.hdf5 | empty file",
                    "2025-01-01T00:10:00_sb00.hdf5 | not an HDF5 file",
                    "2025-01-01T00:15:00_sb00.hdf5 | no Header group",
                    "2025-01-01T00:20:00_sb00.hdf5 | no Header/time_array",
                    "2025-01-01T00:25:00_sb00.hdf5 | phase_center_dec is a string",
                    "2025-01-01T00:30:00_sb00.hdf5 | Header/time_array holds NaN",
                    "2025-01-01T00:35:00_sb00.hdf5 | declination 229.2 deg outside [-90, 90]",
                    "2025-01-01T00:40:00_sb00.hdf5 | header time 2009-06-18T",
                })
        void everyBadFileIsRejectedWithItsReasonInOneLine(String name, String reason) {
            Path file = ReferenceCorpus.root().resolve("bad").resolve(name);
            assertThatThrownBy(() -> extractor.extract(file))
                    .isInstanceOf(UvH5Header.UvH5Exception.class)
                    .hasMessageStartingWith(reason)
                    .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
        }

        @Test
        void bigUnsortedArraysAreReadInBoundedBlocks() throws Exception {
            // pyuvdata's baseline-dependent averaging file: time_array is not sorted.
            Path small = ReferenceCorpus.root().resolve("pyuvdata/simulated_bda_file.uvh5");
            try (var hdf = new HdfFile(small)) {
                var times = (Dataset) hdf.getByPath("Header/time_array");
                double[] all = (double[]) times.getDataFlat();
                double[] range = {Double.MAX_VALUE, -Double.MAX_VALUE};
                UvH5Header.inBlocks(times, "Header/time_array", 7, t -> {
                    range[0] = Math.min(range[0], t);
                    range[1] = Math.max(range[1], t);
                });
                assertThat(range[0]).isEqualTo(Arrays.stream(all).min().orElseThrow());
                assertThat(range[1]).isEqualTo(Arrays.stream(all).max().orElseThrow());
            }
        }
    }
}
