package org.dsa110.contimg.processors.pointing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.dsa110.contimg.events.testing.ReferenceCorpus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PointingExtractionTest {

    private final PointingExtraction extraction = new PointingExtraction(Duration.ofDays(1));

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', value = {
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
        assertThatThrownBy(() -> extraction.extract(file))
                .isInstanceOf(UvH5Header.UvH5Exception.class)
                .hasMessageStartingWith(reason)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }

    @Test
    void aHeaderTimeFarFromTheFileNameSaysByHowMuch() {
        Path file = ReferenceCorpus.root().resolve("bad/2025-01-01T00:40:00_sb00.hdf5");
        assertThatThrownBy(() -> extraction.extract(file))
                .hasMessageMatching("header time 2009-06-18T\\S+Z disagrees with the file name time "
                        + "2025-01-01T00:40:00Z by 5676 days");
    }

    @Test
    void aDsa110FileBecomesTheContractsObservationTheSameEveryTime() {
        Path file = ReferenceCorpus.root().resolve("dsa110/2025-10-21T06:25:27_sb00.hdf5");
        var first = extraction.extract(file);
        var again = extraction.extract(file);
        assertThat(again).isEqualTo(first);
        assertThat(first.sourceFile()).isEqualTo(file.toAbsolutePath().normalize().toString());
        assertThat(first.kind()).isEqualTo("dsa110-meridian");
        assertThat(first.subband()).isZero();
        assertThat(first.timeUtc()).isBetween(Instant.parse("2025-10-21T06:20:00Z"),
                Instant.parse("2025-10-21T06:35:00Z"));
        assertThat(first.ntimes()).isPositive();
        assertThat(first.site().latitudeDeg()).isEqualTo(37.233386982);
    }

    @Test
    void bigArraysAreReadInBoundedBlocksAndGiveTheSameMinAndMax() throws Exception {
        // Blocks of 7 entries: every boundary case (first, middle, short last block) on a real file.
        Path small = ReferenceCorpus.root().resolve("pyuvdata/simulated_bda_file.uvh5");
        try (var hdf = new io.jhdf.HdfFile(small)) {
            var times = (io.jhdf.api.Dataset) hdf.getByPath("Header/time_array");
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
            assertThat(range[0]).isEqualTo(java.util.Arrays.stream(all).min().orElseThrow());
            assertThat(range[1]).isEqualTo(java.util.Arrays.stream(all).max().orElseThrow());
        }
        assertThat(UvH5Header.BLOCK).isLessThanOrEqualTo(1 << 20);
        assertThat(UvH5Header.MAX_BLTS).isGreaterThan(111_744L * 100);
    }
}
