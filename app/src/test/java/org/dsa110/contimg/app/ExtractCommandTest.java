package org.dsa110.contimg.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.dsa110.contimg.contract.testing.Accuracy;
import org.dsa110.contimg.contract.testing.Angles;
import org.dsa110.contimg.fixtures.BrokenUvH5;
import org.dsa110.contimg.fixtures.ReferencePointing;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code contimg extract} on the project's reference fixtures: the values it prints, as JSON and as a table. */
class ExtractCommandTest {

    @TempDir
    Path dir;

    private final List<ReferencePointing> fixtures = ReferencePointing.all();

    @Test
    void printsOneJsonObjectPerFileWithAstropysPointingAndFailsIfAnyFileFailed() throws Exception {
        ReferencePointing fixture = fixtures.get(1);
        Path good = fixture.writeInto(dir);
        Path bad = BrokenUvH5.EMPTY.writeInto(dir, Instant.parse("2025-01-01T00:05:00Z"));
        var run = extract(good.toString(), bad.toString());

        String[] lines = run.out.strip().split("\n");
        assertThat(run.status).isEqualTo(1);
        assertThat(lines).hasSize(2);
        JsonNode observation = new ObjectMapper().readTree(lines[0]);
        var expected = fixture.expected();
        assertThat(observation.get("source_file").asText())
                .isEqualTo(good.toAbsolutePath().normalize().toString());
        assertThat(observation.get("kind").asText()).isEqualTo("dsa110-meridian");
        assertThat(observation.get("mid_mjd").asDouble()).isCloseTo(expected.midMjd(), within(Accuracy.MID_MJD_DAYS));
        assertThat(observation.get("start_mjd").asDouble())
                .isCloseTo(expected.startMjd(), within(Accuracy.MID_MJD_DAYS));
        assertThat(observation.get("end_mjd").asDouble()).isCloseTo(expected.endMjd(), within(Accuracy.MID_MJD_DAYS));
        assertThat(Angles.separationArcsec(
                        observation.get("ra_deg").asDouble(),
                        observation.get("dec_deg").asDouble(),
                        expected.raDeg(),
                        expected.decDeg()))
                .isLessThan(Accuracy.ICRS_ARCSEC);
        assertThat(Angles.angleDiffArcsec(observation.get("lst_app_deg").asDouble(), expected.lstAppDeg()))
                .isBetween(-Accuracy.SIDEREAL_TIME_ARCSEC, Accuracy.SIDEREAL_TIME_ARCSEC);
        assertThat(observation.get("file_size_bytes").asLong()).isEqualTo(Files.size(good));
        JsonNode error = new ObjectMapper().readTree(lines[1]);
        assertThat(error.get("file").asText()).isEqualTo(bad.toString());
        assertThat(error.get("error").asText()).isEqualTo("empty file");
    }

    @Test
    void theTableHasAHeaderAndOneRowPerFileWithItsValuesOrItsError() throws Exception {
        ReferencePointing first = fixtures.get(0);
        ReferencePointing second = fixtures.get(4);
        Path bad = BrokenUvH5.NOT_HDF5.writeInto(dir, Instant.parse("2025-01-01T00:10:00Z"));
        var run = extract(
                "--format",
                "table",
                first.writeInto(dir).toString(),
                second.writeInto(dir).toString(),
                bad.toString());

        assertThat(run.status).isEqualTo(1);
        String[] lines = run.out.strip().split("\n");
        assertThat(lines).hasSize(4);
        assertThat(lines[0].split("\\s{2,}"))
                .containsExactly("file", "mid MJD", "RA (deg)", "Dec (deg)", "UTC / error");
        for (int i = 0; i < 2; i++) {
            ReferencePointing fixture = i == 0 ? first : second;
            String[] cells = lines[i + 1].trim().split("\\s+");
            assertThat(cells[0]).isEqualTo(fixture.file());
            assertThat(Double.parseDouble(cells[1]))
                    .isCloseTo(fixture.expected().midMjd(), within(Accuracy.MID_MJD_DAYS));
            // Six decimals of a degree: 3.6 milliarcseconds of rounding beside the 0.5" agreement.
            assertThat(Angles.separationArcsec(
                            Double.parseDouble(cells[2]),
                            Double.parseDouble(cells[3]),
                            fixture.expected().raDeg(),
                            fixture.expected().decDeg()))
                    .isLessThan(Accuracy.ICRS_ARCSEC);
            assertThat(Instant.parse(cells[4]))
                    .isBetween(fixture.uvh5().start(), fixture.uvh5().start().plusSeconds(600));
        }
        assertThat(lines[3]).startsWith(bad.getFileName().toString()).endsWith("error: not an HDF5 file");
    }

    @Test
    void exitsZeroWhenEveryFileSucceeded() {
        var run = extract(
                "--format",
                "table",
                fixtures.get(2).writeInto(dir).toString(),
                fixtures.get(3).writeInto(dir).toString());
        assertThat(run.status).isZero();
        assertThat(run.out).doesNotContain("error:");
    }

    private record Run(int status, String out) {}

    private static Run extract(String... args) {
        var out = new StringWriter();
        String[] command = new String[args.length + 1];
        command[0] = "extract";
        System.arraycopy(args, 0, command, 1, args.length);
        int status = Contimg.commandLine().setOut(new PrintWriter(out, true)).execute(command);
        return new Run(status, out.toString());
    }
}
