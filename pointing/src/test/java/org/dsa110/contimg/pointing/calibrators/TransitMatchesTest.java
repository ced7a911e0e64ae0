package org.dsa110.contimg.pointing.calibrators;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.dsa110.contimg.contract.PointingObservation;
import org.dsa110.contimg.contract.Samples;
import org.dsa110.contimg.fixtures.ReferenceMatches;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every (calibrator, file) match of 25 DSA-110 files around five calibrators' transits against astropy's, which
 * tried the whole catalog ({@link ReferenceMatches}): the same calibrators, none missing, none extra (one of them
 * J0541+474, which the 3C147 file 1.75 deg south holds), each to 1 s, 1" and 1e-3.
 */
class TransitMatchesTest {

    private static final TransitFinder HALF_POWER =
            new TransitFinder(CalibratorCatalog.vla20cm(), PrimaryBeam.dsa110(), 0.5);

    static Stream<ReferenceMatches> files() {
        return ReferenceMatches.all().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("files")
    void everyMatchAstropyFindsAndNoOther(ReferenceMatches file) {
        PointingObservation observation =
                Samples.meridianFile(file.file(), file.startMjd(), file.endMjd(), file.haDeg(), file.decAppDeg());
        Map<String, Transit> found = new TreeMap<>();
        HALF_POWER.transits(observation).forEach(t -> found.put(t.calibrator().name(), t));
        Map<String, ReferenceMatches.Match> expected = new TreeMap<>();
        file.matches().forEach(m -> expected.put(m.calibrator(), m));

        assertThat(found.keySet()).as(file.file()).isEqualTo(expected.keySet());
        expected.forEach((name, m) -> {
            Transit t = found.get(name);
            assertThat((t.transitMjd() - m.transitMjd()) * 86400)
                    .as("%s transit, s", name)
                    .isCloseTo(0, within(1.0));
            assertThat((t.offsetDeg() - m.offsetDeg()) * 3600)
                    .as("%s offset, arcsec", name)
                    .isCloseTo(0, within(1.0));
            assertThat(t.response()).as("%s response", name).isCloseTo(m.response(), within(1e-3));
        });
    }

    @Test
    void theSetHoldsSixteenMatchesInTwentyFiveFiles() {
        assertThat(files()).hasSize(25);
        assertThat(files().mapToInt(f -> f.matches().size()).sum()).isEqualTo(16);
    }
}
