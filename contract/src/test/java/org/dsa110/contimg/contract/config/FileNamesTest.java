package org.dsa110.contimg.contract.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The pipeline's globs answer as the JDK's glob matcher does, for the names that matter and the odd ones. */
class FileNamesTest {

    private static final List<String> GLOBS = List.of(
            FileNames.CASA_LOG,
            FileNames.FIRST_SUBBAND,
            FileNames.TMPPOINTING,
            FileNames.SCRATCH_STREAM,
            "*",
            "*.fits",
            "casa-?.log",
            "{a,b}*",
            "[ab]*.log");

    private static final List<String> NAMES = List.of(
            "casa-20251104-120000.log",
            "casa-.log",
            "casa.log",
            "casa-x.log.gz",
            "xcasa-1.log",
            "CASA-1.log",
            "casa-1.LOG",
            "2026-12-01T00:00:00_sb00.hdf5",
            "_sb00.hdf5",
            "2026-12-01T00:00:00_sb01.hdf5",
            "2026_sb00.hdf5.partial",
            "TMPPOINTING",
            "TMPPOINTING_42",
            "tmppointing_42",
            "stream_1",
            "stream",
            "image.fits",
            "a1",
            "b.log",
            ".casa-1.log",
            "");

    @Test
    void everyGlobAnswersAsTheJdksForEveryName() {
        for (String glob : GLOBS) {
            var jdk = FileSystems.getDefault().getPathMatcher("glob:" + glob);
            var ours = FileNames.glob(glob);
            for (String name : NAMES) {
                Path path = Path.of(name);
                assertEquals(jdk.matches(path), ours.matches(path), glob + " against '" + name + "'");
            }
            for (String path : List.of("dir/casa-1.log", "casa-dir/x.log", "TMPPOINTING/x", "/a/b_sb00.hdf5")) {
                assertEquals(jdk.matches(Path.of(path)), ours.matches(Path.of(path)), glob + " against path " + path);
            }
        }
    }

    @Test
    void theSharedRulesKnowTheirFiles() {
        assertEquals(true, FileNames.isCasaLog(Path.of("casa-20251104-120000.log")));
        assertEquals(false, FileNames.isCasaLog(Path.of("casa-20251104-120000.log.1")));
        assertEquals(true, FileNames.isFirstSubband(Path.of("2026-12-01T00:00:00_sb00.hdf5")));
        assertEquals(false, FileNames.isFirstSubband(Path.of("2026-12-01T00:00:00_sb01.hdf5")));
    }
}
