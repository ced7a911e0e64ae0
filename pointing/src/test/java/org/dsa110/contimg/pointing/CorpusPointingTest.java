package org.dsa110.contimg.pointing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.stream.Stream;
import org.dsa110.contimg.contract.testing.Accuracy;
import org.dsa110.contimg.contract.testing.Angles;
import org.dsa110.contimg.contract.testing.ReferenceCorpus;
import org.dsa110.contimg.contract.testing.RequiresCorpus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every readable file of the reference corpus (real pyuvdata files from HERA, MWA, ATA, PAPER; the DSA-110
 * layout written by h5py; the rarer header styles) against astropy's values ({@code expected.json}),
 * with tolerances at the measured level (sidereal time up to 0.0015": IAU 2000B against astropy's 2006/2000A;
 * ICRS up to 0.38": astropy's mean polar motion) so that a regression shows. The corpus lives outside the repository; without it this class is skipped, saying so
 * ({@link ReferenceCorpus}).
 */
@RequiresCorpus
class CorpusPointingTest {

    private final PointingExtractor extraction = new PointingExtractor(Duration.ofDays(1));

    static Stream<JsonNode> readable() {
        return Stream.of("dsa110", "pyuvdata", "variants").flatMap(folder -> ReferenceCorpus.entries(folder).stream());
    }

    @Test
    void coversEveryLayoutOfTheCorpus() {
        assertThat(readable().map(e -> e.get("kind").asText()).distinct())
                .containsExactlyInAnyOrder(
                        "dsa110-meridian",
                        "drift-zenith",
                        "catalog-sidereal",
                        "catalog-near_field",
                        "catalog-unprojected",
                        "phased");
        assertThat(readable()).hasSize(29);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("readable")
    void agreesWithAstropy(JsonNode expected) {
        var observation = extraction.extract(
                ReferenceCorpus.root().resolve(expected.get("file").asText()));

        assertThat(observation.kind()).isEqualTo(expected.get("kind").asText());
        assertThat(observation.midMjd()).isCloseTo(expected.get("mid_mjd").asDouble(), within(Accuracy.MID_MJD_DAYS));
        assertThat(Angles.angleDiffArcsec(
                        observation.lstAppDeg(), expected.get("lst_app_deg").asDouble()))
                .as("LST, arcsec")
                .isBetween(-Accuracy.SIDEREAL_TIME_ARCSEC, Accuracy.SIDEREAL_TIME_ARCSEC);
        double separation = Angles.separationArcsec(
                observation.raDeg(),
                observation.decDeg(),
                expected.get("ra_deg").asDouble(),
                expected.get("dec_deg").asDouble());
        System.out.printf(
                "%-70s %-20s LST %.4f\" ICRS %.3f\"%n",
                expected.get("file").asText(),
                observation.kind(),
                Angles.angleDiffArcsec(
                        observation.lstAppDeg(), expected.get("lst_app_deg").asDouble()),
                separation);
        assertThat(separation).as("ICRS position, arcsec from astropy").isLessThan(Accuracy.ICRS_ARCSEC);
    }
}
