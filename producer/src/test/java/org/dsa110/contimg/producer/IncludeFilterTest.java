package org.dsa110.contimg.producer;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.dsa110.contimg.contract.config.PipelinePaths;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class IncludeFilterTest {

    private static final PipelinePaths PATHS = new PipelinePaths(
            Path.of("/h"),
            Path.of("/data/contimg"),
            Path.of("/data/incoming"),
            Path.of("/stage/contimg"),
            Path.of("/data/contimg/state"),
            Path.of("/data/contimg/state/products.sqlite3"),
            Path.of("/data/contimg/state/logs"));
    private static final IncludeFilter FILTER = IncludeFilter.defaults(PATHS);

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "/data/contimg/ms/casa-20251104-101010.log, true",
        "/data/contimg/casa-x.log, true",
        "/data/contimg/state/logs/casa-20251104-101010.log, false",
        "/data/contimg/xcasa-1.log, false",
        "/data/contimg/casa-1.log.bak, false",
        "/data/contimg/TMPPOINTING_3fa9, true",
        "/data/contimg/deep/TMPPOINTING_x, true",
        "/stage/contimg/stream_20251104, true",
        "/stage/contimg/tmp/anything-at-all, true",
        "/stage/contimg/tmp/sub/deeper, false",
        "/data/incoming/2025-11-04T10:09:15_sb00.hdf5, true",
        "/data/incoming/2025-11-04T10:09:15_sb01.hdf5, false",
        "/data/incoming/2025-11-04T10:09:15_sb00_incomplete.hdf5, false",
        "/data/incoming/.2025-11-04T10:09:15_sb00.hdf5.AbCd12, false",
        "/data/contimg/image.fits, false",
    })
    void passesTheProcessorsPatternsOnly(String path, boolean passes) {
        assertThat(FILTER.test(Path.of(path))).isEqualTo(passes);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "/data/contimg/ms/casa-1.log, true",
        "/data/contimg/state/logs/casa-1.log, false",
        "/data/contimg/TMPPOINTING_1, false",
        "/data/incoming/2025-11-04T10:09:15_sb00.hdf5, false",
    })
    void onlyCasaLogsOutsideTheLogDirAreExpectedToMove(String path, boolean moves) {
        assertThat(FILTER.expectedToMove(Path.of(path))).isEqualTo(moves);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({"/data/contimg/a.fits, true", "/data/contimg/casa-1.log, false", "/stage/contimg/tmp/x, true"})
    void customGlobsReplaceTheDefaults(String path, boolean passes) {
        assertThat(IncludeFilter.of(List.of("*.fits"), PATHS).test(Path.of(path)))
                .isEqualTo(passes);
    }

    @ParameterizedTest
    @CsvSource({"/data/contimg/a.fits", "/data/contimg/state/logs/casa-1.log"})
    void publishAllPassesEverything(String path) {
        assertThat(IncludeFilter.everything().test(Path.of(path))).isTrue();
    }
}
