package org.dsa110.contimg.pointing;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import org.dsa110.contimg.fixtures.Dsa110File;
import org.dsa110.contimg.pointing.UvH5Header.UvH5Exception;

/**
 * Coverage-guided fuzzing of the header reader with Jazzer: the property of {@code UvH5FuzzTest}'s seeded
 * mutations (a header or a one-line {@link UvH5Exception}, never an {@code Error} nor another exception), driven by
 * the coverage of jhdf and of this reader. The fuzzer's bytes are read as edits of a DSA-110 fixture (how many bytes
 * to overwrite, where, with what; where to cut), so it starts from a valid file rather than from nothing, and no
 * binary seed is kept in the repository. In {@code mvn verify} it runs in Jazzer's regression mode: the empty input
 * (the fixture itself) and any crash inputs kept under {@code src/test/resources/.../UvH5CoverageFuzzTestInputs};
 * {@code JAZZER_FUZZ=1} fuzzes (docs/testing.md).
 */
class UvH5CoverageFuzzTest {

    private static final Path NAME = Path.of("2025-10-21T06:25:27_sb00.hdf5");
    private static final byte[] BASE = fixture();

    @FuzzTest(maxDuration = "10m")
    void header(FuzzedDataProvider data) {
        byte[] bytes = BASE.clone();
        int edits = data.consumeInt(0, 16);
        for (int i = 0; i < edits && data.remainingBytes() > 0; i++) {
            int at = data.consumeInt(0, bytes.length - 1);
            byte[] run = data.consumeBytes(data.consumeInt(1, 16));
            System.arraycopy(run, 0, bytes, at, Math.min(run.length, bytes.length - at));
        }
        int length = data.consumeBoolean() ? data.consumeInt(1, bytes.length) : bytes.length;
        try {
            UvH5Header.read(ByteBuffer.wrap(Arrays.copyOf(bytes, length)), NAME);
        } catch (UvH5Exception e) {
            assertThat(e.getMessage()).isNotBlank().doesNotContain("\n").hasSizeLessThanOrEqualTo(400);
        }
    }

    private static byte[] fixture() {
        try {
            Path dir = Files.createTempDirectory("contimg-coverage-fuzz");
            Path file =
                    Dsa110File.at(Instant.parse("2025-10-21T06:25:27Z"), 57.5).writeInto(dir);
            byte[] bytes = Files.readAllBytes(file);
            Files.delete(file);
            Files.delete(dir);
            return bytes;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
