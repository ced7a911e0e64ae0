package org.dsa110.contimg.pointing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.dsa110.contimg.contract.testing.Accuracy;
import org.jastronomy.jsofa.JSOFA;
import org.junit.jupiter.api.Test;

/**
 * The IAU 2000B context against SOFA's own {@code jauApco13} (IAU 2006/2000A) on the same observed hour angles and
 * declinations, across this century and the sky DSA-110 sees: the difference stays at milliarcseconds, a thousandth
 * of the pointing's arcsecond budget.
 */
class AstrometryTest {

    private static final double MAS_PER_RAD = Math.toDegrees(1) * 3_600_000;

    @Test
    void iau2000bAgreesWithSofasIau2006ToMilliarcseconds() throws Exception {
        var random = new SplittableRandom(110);
        var site = Astrometry.Site.OVRO;
        double worstPosition = 0;
        double worstLst = 0;
        for (int i = 0; i < 2_000; i++) {
            double mjd = 51_544.5 + random.nextDouble() * 36_525; // 2000 to 2100
            double ha = Math.toRadians(random.nextDouble(-15, 15));
            double dec = Math.toRadians(random.nextDouble(-40, 90));
            Astrometry.Pointing ours = Astrometry.fromHourAngle(mjd, ha, dec, site);

            var astrom = new JSOFA.Astrom();
            double eo = JSOFA.jauApco13(
                    Astrometry.MJD_ZERO,
                    mjd,
                    0,
                    Math.toRadians(site.longitudeDeg()),
                    Math.toRadians(site.latitudeDeg()),
                    site.altitudeM(),
                    0,
                    0,
                    0,
                    0,
                    0,
                    0,
                    astrom);
            var cirs = JSOFA.jauAtoiq("H", ha, dec, astrom);
            var icrs = JSOFA.jauAticq(cirs.alpha, cirs.delta, astrom);
            double lst = JSOFA.jauAnp(astrom.eral - eo);

            double separation =
                    JSOFA.jauSeps(Math.toRadians(ours.raDeg()), Math.toRadians(ours.decDeg()), icrs.alpha, icrs.delta);
            worstPosition = Math.max(worstPosition, separation * MAS_PER_RAD);
            worstLst =
                    Math.max(worstLst, Math.abs(JSOFA.jauAnpm(Math.toRadians(ours.lstAppDeg()) - lst)) * MAS_PER_RAD);
        }
        System.out.printf(
                "IAU 2000B against 2006/2000A: worst ICRS %.2f mas, worst LAST %.2f mas%n", worstPosition, worstLst);
        assertThat(worstPosition).as("worst ICRS separation, mas").isLessThan(Accuracy.IAU2000B_ICRS_MAS);
        assertThat(worstLst).as("worst LAST difference, mas").isLessThan(Accuracy.IAU2000B_SIDEREAL_TIME_MAS);
    }
}
