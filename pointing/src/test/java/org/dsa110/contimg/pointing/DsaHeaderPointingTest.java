package org.dsa110.contimg.pointing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;
import org.dsa110.contimg.contract.testing.Accuracy;
import org.dsa110.contimg.contract.testing.Angles;
import org.dsa110.contimg.fixtures.ReferencePointing;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The DSA-110 correlator layout, written by the project's own writer, against astropy's values for each fixture
 * ({@code reference-pointings.json}, committed): the span and mid-time to 1e-8 d, the apparent sidereal time to
 * 0.002", the apparent RA of date to 0.002", the ICRS position to 0.5" on the sky. The measured agreement is
 * inside that (at most 0.0012" and 0.29": astropy evaluates IAU 2006/2000A where the pipeline uses IAU 2000B, and
 * the ICRS residual is astropy's mean polar motion for future dates), so a regression of one arcsecond in any term
 * fails.
 */
class DsaHeaderPointingTest {

    @TempDir
    static Path dir;

    private final PointingExtractor extraction = new PointingExtractor(Duration.ofDays(1));

    static Stream<ReferencePointing> fixtures() {
        return ReferencePointing.all().stream();
    }

    @Test
    void theFixturesCoverTheLayoutsForms() {
        var all = ReferencePointing.all();
        assertThat(all).hasSizeGreaterThanOrEqualTo(10);
        assertThat(all).anySatisfy(f -> assertThat(f.uvh5().hourAngleDeg()).isNotZero());
        assertThat(all).anySatisfy(f -> assertThat(f.note()).contains("no Header/longitude"));
        assertThat(all).anySatisfy(f -> assertThat(f.expected().decDeg()).isGreaterThan(85));
        assertThat(all).anySatisfy(f -> assertThat(f.expected().decDeg()).isLessThan(-20));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void agreesWithAstropy(ReferencePointing fixture) {
        Path file = fixture.writeInto(dir);
        var header = UvH5Header.read(file);
        var expected = fixture.expected();
        var observation = extraction.extract(file);

        assertThat(header.site())
                .isEqualTo(new Astrometry.Site(expected.latitudeDeg(), expected.longitudeDeg(), expected.altitudeM()));
        assertThat(observation.startMjd()).isCloseTo(expected.startMjd(), within(Accuracy.MID_MJD_DAYS));
        assertThat(observation.endMjd()).isCloseTo(expected.endMjd(), within(Accuracy.MID_MJD_DAYS));
        assertThat(observation.midMjd()).isCloseTo(expected.midMjd(), within(Accuracy.MID_MJD_DAYS));
        assertThat(observation.kind()).isEqualTo("dsa110-meridian");
        assertThat(observation.haDeg()).isCloseTo(expected.haDeg(), within(1e-9));
        assertThat(observation.decAppDeg()).isCloseTo(expected.decAppDeg(), within(1e-9));
        double lst = Angles.angleDiffArcsec(observation.lstAppDeg(), expected.lstAppDeg());
        double raApp = Angles.angleDiffArcsec(observation.raAppDeg(), expected.raAppDeg());
        double separation =
                Angles.separationArcsec(observation.raDeg(), observation.decDeg(), expected.raDeg(), expected.decDeg());
        System.out.printf(
                "%s: LST %.6f\", apparent RA %.6f\", ICRS %.4f\" from astropy%n",
                fixture.file(), lst, raApp, separation);
        assertThat(lst)
                .as("apparent sidereal time, arcsec")
                .isBetween(-Accuracy.SIDEREAL_TIME_ARCSEC, Accuracy.SIDEREAL_TIME_ARCSEC);
        assertThat(raApp)
                .as("apparent RA, arcsec")
                .isBetween(-Accuracy.SIDEREAL_TIME_ARCSEC, Accuracy.SIDEREAL_TIME_ARCSEC);
        assertThat(separation).as("ICRS position, arcsec from astropy").isLessThan(Accuracy.ICRS_ARCSEC);
    }

    @Test
    void theOldMonitorsMistakeIsFarOff() {
        // Reading the JD time_array as Unix seconds put every row in January 1970 with a frozen RA; the
        // reference rows are in 2024-2027. One file suffices to show the test would catch that mistake.
        ReferencePointing fixture = ReferencePointing.all().get(0);
        var header = UvH5Header.read(fixture.writeInto(dir));
        double wrongMjd = header.minJd() / 86400.0 + 40587.0; // JD treated as seconds since 1970
        assertThat(Math.abs(wrongMjd - fixture.expected().midMjd())).isGreaterThan(10_000);
    }
}
