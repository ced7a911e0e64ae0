package org.dsa110.contimg.pointing.calibrators;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.dsa110.contimg.contract.PointingObservation;
import org.dsa110.contimg.contract.Samples;
import org.dsa110.contimg.pointing.Astrometry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Transits against astropy's (pointing/reference/transits.py, values committed in reference-transits.json): times to
 * 1 s, offsets to 1 arcsec, responses to 1e-3, for 3C286, 3C48, 3C147, J0834+555 and J0508+845 (dec 84.5).
 */
class TransitFinderTest {

    private static final CalibratorCatalog CATALOG = CalibratorCatalog.vla20cm();
    private static final TransitFinder HALF_POWER = new TransitFinder(CATALOG, PrimaryBeam.dsa110(), 0.5);

    static Stream<JsonNode> cases() throws Exception {
        try (InputStream in = TransitFinderTest.class.getResourceAsStream("reference-transits.json")) {
            JsonNode reference = new ObjectMapper().readTree(in);
            List<JsonNode> cases = new ArrayList<>();
            reference.get("cases").forEach(cases::add);
            return cases.stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void transitsAgreeWithAstropy(JsonNode c) {
        var observation = observation(
                c.get("start_mjd").asDouble(),
                c.get("end_mjd").asDouble(),
                c.get("ha_deg").asDouble(),
                c.get("dec_app_deg").asDouble());
        List<Transit> found = HALF_POWER.transits(observation).stream()
                .filter(t -> t.calibrator().name().equals(c.get("source").asText()))
                .toList();
        boolean expected = c.get("inside_span").asBoolean() && c.get("response").asDouble() >= 0.5;
        if (!expected) {
            assertThat(found).isEmpty();
            return;
        }
        assertThat(found).singleElement().satisfies(t -> {
            assertThat((t.transitMjd() - c.get("transit_mjd").asDouble()) * 86400)
                    .isCloseTo(0, within(1.0));
            assertThat((t.offsetDeg() - c.get("offset_deg").asDouble()) * 3600).isCloseTo(0, within(1.0));
            assertThat(t.response()).isCloseTo(c.get("response").asDouble(), within(1e-3));
            assertThat(t.sourceFile()).isEqualTo(observation.sourceFile());
        });
    }

    @Test
    void theHalfPowerRadiusIsAstropysAndTheApparentFluxIsTheCatalogsTimesTheResponse() throws Exception {
        double reference;
        try (InputStream in = TransitFinderTest.class.getResourceAsStream("reference-transits.json")) {
            reference =
                    new ObjectMapper().readTree(in).get("half_power_radius_deg").asDouble();
        }
        assertThat(PrimaryBeam.dsa110().radiusDeg(0.5)).isCloseTo(reference, within(1e-6));
        JsonNode mid = cases().findFirst().orElseThrow();
        Transit t = HALF_POWER
                .transits(observation(
                        mid.get("start_mjd").asDouble(),
                        mid.get("end_mjd").asDouble(),
                        0.0,
                        mid.get("dec_app_deg").asDouble()))
                .stream()
                .filter(x -> x.calibrator().altName() != null
                        && x.calibrator().altName().equals("3C286"))
                .findFirst()
                .orElseThrow();
        assertThat(t.apparentFluxJy()).isCloseTo(15.0 * t.response(), within(1e-9));
    }

    @Test
    void upcomingTransitsAreTheCrossingsAstropyFindsOneSiderealDayApart() throws Exception {
        JsonNode mid = cases().findFirst().orElseThrow(); // 3C286 at the file's mid-time, on the beam's axis
        double transit = mid.get("transit_mjd").asDouble();
        double dec = mid.get("dec_app_deg").asDouble();
        double now = transit - 1.0 / 24; // an hour before
        List<UpcomingTransit> twoDays = HALF_POWER.upcoming(now, 48, 0.0, dec, Astrometry.Site.OVRO).stream()
                .filter(t -> "3C286".equals(t.calibrator().altName()))
                .toList();
        assertThat(twoDays).hasSize(2);
        assertThat((twoDays.get(0).transitMjd() - transit) * 86400).isCloseTo(0, within(1.0));
        assertThat(twoDays.get(0).hoursFromNow()).isCloseTo(1.0, within(1e-3));
        assertThat(twoDays.get(0).response()).isCloseTo(1.0, within(1e-3));
        // The next is a sidereal day (23 h 56 min 4 s) later, give or take the source's apparent motion.
        assertThat((twoDays.get(1).transitMjd() - twoDays.get(0).transitMjd()) * 86400)
                .isCloseTo(86164.09, within(1.0));
        // An hour's window that has just missed it holds none; one that starts before it holds it.
        assertThat(HALF_POWER.upcoming(transit + 1e-4, 1, 0.0, dec, Astrometry.Site.OVRO))
                .noneMatch(t -> "3C286".equals(t.calibrator().altName()));
        // Pointing a degree and a half away (outside the half-power radius) it is not expected in the beam.
        assertThat(HALF_POWER.upcoming(now, 2, 0.0, dec + 1.5, Astrometry.Site.OVRO))
                .noneMatch(t -> "3C286".equals(t.calibrator().altName()));
        assertThat(HALF_POWER.withMinResponse(0.1).upcoming(now, 2, 0.0, dec + 1.5, Astrometry.Site.OVRO))
                .anySatisfy(t -> {
                    assertThat(t.calibrator().altName()).isEqualTo("3C286");
                    assertThat(t.response()).isBetween(0.1, 0.5);
                });
    }

    private static PointingObservation observation(double start, double end, double haDeg, double decAppDeg) {
        return Samples.meridianFile("/data/incoming/test_sb00.hdf5", start, end, haDeg, decAppDeg);
    }
}
