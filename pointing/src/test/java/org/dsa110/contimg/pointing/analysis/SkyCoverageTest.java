package org.dsa110.contimg.pointing.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.dsa110.contimg.pointing.calibrators.PrimaryBeam;
import org.junit.jupiter.api.Test;

/**
 * Coverage conserves exposure: summed over the sky, cell-hours times cell area is the observed time times the
 * half-power beam's solid angle, however the sweep lies; a cell on the track is exposed for the beam's crossing.
 */
class SkyCoverageTest {

    /** Cells a fifth of a degree across: the beam (2.7 deg wide) spans a dozen rings, so sums converge to 2 %. */
    private static final SkyCoverage COVERAGE = new SkyCoverage(new HealpixGrid(256), PrimaryBeam.dsa110());

    private static final int CELLS = 12 * 256 * 256;
    private static final double RADIUS = PrimaryBeam.dsa110().radiusDeg(0.5);
    /** The half-power disc's solid angle, square degrees: 2 pi (1 - cos r). */
    private static final double BEAM_AREA =
            2 * Math.PI * (1 - Math.cos(Math.toRadians(RADIUS))) * Math.pow(180 / Math.PI, 2);

    private static ObservedFile drift(double midMjd, double hours, double raDeg, double decDeg) {
        double half = hours / 48.0;
        return new ObservedFile(midMjd, midMjd - half, midMjd + half, raDeg, decDeg, "dsa110-meridian");
    }

    private static double exposureIntegral(SkyCoverage.Coverage coverage) {
        return coverage.cells().stream().mapToDouble(SkyCoverage.Cell::hours).sum() * coverage.cellAreaDeg2();
    }

    @Test
    void aDriftScanSweepsItsStripAndConservesExposure() {
        SkyCoverage.Coverage two = COVERAGE.of(List.of(drift(61000.0, 2, 150, 30)));
        assertThat(two.files()).isEqualTo(1);
        assertThat(two.hoursObserved()).isCloseTo(2, within(1e-9));
        assertThat(exposureIntegral(two)).isCloseTo(2 * BEAM_AREA, within(0.02 * 2 * BEAM_AREA));
        // Two hours sweep 30 deg of right ascension: every exposed cell lies within the strip and the sweep.
        assertThat(two.cells()).allSatisfy(cell -> {
            assertThat(cell.decDeg()).isBetween(30 - RADIUS, 30 + RADIUS);
            assertThat(cell.raDeg()).isBetween(150 - 15.05 - 2 * RADIUS, 150 + 15.05 + 2 * RADIUS);
        });
        // A cell on the track is in the beam while the beam crosses it: the chord of the half-power circle at its
        // declination, cos h = (cos r - sin² d) / cos² d, at one turn per sidereal day.
        double d = Math.toRadians(30);
        double chord = 2
                * Math.toDegrees(Math.acos(
                        (Math.cos(Math.toRadians(RADIUS)) - Math.pow(Math.sin(d), 2)) / Math.pow(Math.cos(d), 2)));
        double crossing = chord / (360.98564736629 / 24);
        double longest =
                two.cells().stream().mapToDouble(SkyCoverage.Cell::hours).max().orElseThrow();
        assertThat(longest).isLessThanOrEqualTo(crossing + 1e-9).isGreaterThan(0.99 * crossing);
        assertThat(two.skyFraction()).isCloseTo(two.cells().size() / (double) CELLS, within(1e-12));
    }

    @Test
    void aSweepAcrossZeroHoursIsCountedLikeAnyOther() {
        double across = exposureIntegral(COVERAGE.of(List.of(drift(61000.0, 1, 0.5, 45))));
        double elsewhere = exposureIntegral(COVERAGE.of(List.of(drift(61000.0, 1, 180.5, 45))));
        assertThat(across).isCloseTo(elsewhere, within(0.02 * elsewhere));
        assertThat(COVERAGE.of(List.of(drift(61000.0, 1, 0.5, 45))).cells())
                .anyMatch(c -> c.raDeg() > 350)
                .anyMatch(c -> c.raDeg() < 10);
    }

    @Test
    void nearThePoleADaySweepsWholeRingsAndExposureIsStillConserved() {
        SkyCoverage.Coverage pole = COVERAGE.of(List.of(drift(61000.0, 1, 0, 89.5)));
        assertThat(exposureIntegral(pole)).isCloseTo(BEAM_AREA, within(0.02 * BEAM_AREA));
        // The cells nearest the pole never leave the beam.
        assertThat(pole.cells().stream().filter(c -> c.decDeg() > 89.6))
                .isNotEmpty()
                .allSatisfy(c -> assertThat(c.hours()).isCloseTo(1, within(1e-9)));
    }

    @Test
    void aFixedPositionExposesItsDiscForTheWholeSpan() {
        var tracked = new ObservedFile(61000.0, 61000.0 - 1.0 / 48, 61000.0 + 1.0 / 48, 83.6, 22.0, "catalog-tracked");
        SkyCoverage.Coverage coverage = COVERAGE.of(List.of(tracked));
        assertThat(coverage.cells()).allSatisfy(c -> assertThat(c.hours()).isCloseTo(1, within(1e-9)));
        assertThat(coverage.cells().size() * coverage.cellAreaDeg2()).isCloseTo(BEAM_AREA, within(0.05 * BEAM_AREA));
    }

    @Test
    void rowsWithoutASpanCountTheMedianSpanAndTheSameSkyAddsUp() {
        var spanned = drift(61000.0, 5.0 / 60, 150, 30);
        var old = new ObservedFile(61000.1, null, null, 170, 30, null);
        SkyCoverage.Coverage coverage = COVERAGE.of(List.of(spanned, old));
        assertThat(coverage.hoursObserved()).isCloseTo(10.0 / 60, within(1e-9));
        SkyCoverage.Coverage twice = COVERAGE.of(List.of(spanned, spanned));
        SkyCoverage.Coverage once = COVERAGE.of(List.of(spanned));
        assertThat(exposureIntegral(twice)).isCloseTo(2 * exposureIntegral(once), within(1e-9));
        assertThat(twice.skyFraction()).isEqualTo(once.skyFraction());
    }
}
