package org.dsa110.contimg.processors.pointing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.stream.Stream;
import org.dsa110.contimg.events.testing.ReferenceCorpus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The DSA-110 correlator layout against astropy's reference values: the mid-time to 1e-8 d, the apparent
 * sidereal time to 0.1", the ICRS position to 1" on the sky (the corpus README's tolerances).
 */
class DsaHeaderPointingTest {

    static Stream<JsonNode> dsa110() {
        return ReferenceCorpus.entries("dsa110").stream();
    }

    @Test
    void theCorpusHoldsTheTenDsa110Files() {
        assertThat(ReferenceCorpus.entries("dsa110")).hasSize(10)
                .allSatisfy(e -> assertThat(e.get("kind").asText()).isEqualTo("dsa110-meridian"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dsa110")
    void agreesWithTheReference(JsonNode expected) {
        var header = UvH5Header.read(ReferenceCorpus.root().resolve(expected.get("file").asText()));
        double midMjd = header.midMjd();
        var pointing = Astrometry.fromHourAngle(midMjd, header.haPhaseCenter() == null ? 0 : header.haPhaseCenter(),
                header.phaseCenterDec(), header.site());

        assertThat(midMjd).isCloseTo(expected.get("mid_mjd").asDouble(), within(1e-8));
        JsonNode site = expected.get("site");
        assertThat(header.site()).isEqualTo(new Astrometry.Site(site.get("lat_deg").asDouble(),
                site.get("lon_deg").asDouble(), site.get("alt_m").asDouble()));
        assertThat(ReferenceCorpus.angleDiffArcsec(pointing.lstAppDeg(), expected.get("lst_app_deg").asDouble()))
                .as("LST, arcsec").isBetween(-0.1, 0.1);
        assertThat(pointing.haDeg()).isCloseTo(expected.get("ha_deg").asDouble(), within(1e-9));
        assertThat(ReferenceCorpus.angleDiffArcsec(pointing.raAppDeg(), expected.get("ra_app_deg").asDouble()))
                .as("apparent RA, arcsec").isBetween(-0.1, 0.1);
        double separation = ReferenceCorpus.separationArcsec(pointing.raDeg(), pointing.decDeg(),
                expected.get("ra_deg").asDouble(), expected.get("dec_deg").asDouble());
        System.out.printf("%s: ICRS %.3f\" from astropy, LST %.4f\"%n", expected.get("file").asText(), separation,
                ReferenceCorpus.angleDiffArcsec(pointing.lstAppDeg(), expected.get("lst_app_deg").asDouble()));
        assertThat(separation).as("ICRS position, arcsec from astropy").isLessThan(1.0);
    }

    @Test
    void theOldMonitorsMistakeIsFarOff() {
        // Reading the JD time_array as Unix seconds put every row in January 1970-2000 with a frozen RA; the
        // reference rows are in 2024-2026. One file suffices to show the test would catch that mistake.
        JsonNode expected = ReferenceCorpus.entries("dsa110").get(0);
        var header = UvH5Header.read(ReferenceCorpus.root().resolve(expected.get("file").asText()));
        double wrongMjd = header.minJd() / 86400.0 + 40587.0; // JD treated as seconds since 1970
        assertThat(Math.abs(wrongMjd - expected.get("mid_mjd").asDouble())).isGreaterThan(10_000);
    }
}
