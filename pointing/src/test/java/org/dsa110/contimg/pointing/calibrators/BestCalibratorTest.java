package org.dsa110.contimg.pointing.calibrators;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.dsa110.contimg.pointing.Astrometry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The best calibrator for a declination and a window: of the catalog's sources transiting inside the beam, the
 * highest apparent flux (flux times response), ties to the earliest; and a named calibrator's next transits.
 */
class BestCalibratorTest {

    private static final TransitFinder FINDER = TransitFinder.defaults();
    /** 2026-01-15T00:00:00Z. */
    private static final double NOW = 61055.0;

    @ParameterizedTest(name = "dec {0}: {1}")
    @CsvSource({"30.5, J1331+305, 3C286", "33.16, J0137+331, 3C48", "49.85, J0542+498, 3C147"})
    void overADayTheBrightestInTheBeamIsTheBest(double dec, String name, String alt) {
        UpcomingTransit best =
                FINDER.best(NOW, 24, 0.0, dec, Astrometry.Site.OVRO).orElseThrow();
        assertThat(best.calibrator().name()).isEqualTo(name);
        assertThat(best.calibrator().altName()).isEqualTo(alt);
        // No other source in the window outshines it, in the beam.
        for (UpcomingTransit other : FINDER.upcoming(NOW, 24, 0.0, dec, Astrometry.Site.OVRO)) {
            if (other.apparentFluxJy() != null) {
                assertThat(other.apparentFluxJy()).isLessThanOrEqualTo(best.apparentFluxJy());
            }
        }
    }

    @Test
    void noSourceInTheBeamIsNoBest() {
        // Far south of the array's sky: nothing of the catalog transits inside the beam there.
        assertThat(FINDER.best(NOW, 1, 0.0, -89.9, Astrometry.Site.OVRO)).isEmpty();
    }

    @Test
    void aCalibratorsNextTransitsComeASiderealDayApart() {
        Calibrator source = CalibratorCatalog.vla20cm().named("3C286");
        var next = FINDER.next(source, NOW, 3, 0.0, 30.37, Astrometry.Site.OVRO);
        assertThat(next).hasSize(3);
        assertThat(next.get(0).transitMjd()).isGreaterThan(NOW).isLessThan(NOW + 1);
        for (int i = 1; i < next.size(); i++) {
            assertThat((next.get(i).transitMjd() - next.get(i - 1).transitMjd()) * 86400)
                    .isCloseTo(86164.09, within(1.0));
        }
        assertThat(next.get(0).response()).isGreaterThan(0.99);
    }
}
