package org.dsa110.contimg.processors.pointing;

import org.jastronomy.jsofa.JSOFA;
import org.jastronomy.jsofa.JSOFAIllegalParameter;
import org.jastronomy.jsofa.JSOFAInternalError;

/**
 * The astrometry of a pointing, with the IAU SOFA routines (jsofa): times in UTC as Julian Dates, UT1 - UTC = 0,
 * leap seconds from SOFA's own table, no polar motion, no refraction (the correlator phases to a geometric
 * position).
 *
 * <p>The old monitor read the JD {@code time_array} as seconds and skipped the step from the of-date hour angle
 * and declination to ICRS, about 18 arcmin of precession in 2025. Here the observed hour angle and declination
 * go to CIRS with {@code jauAtoi13} and from CIRS to ICRS with {@code jauAtic13}, which agrees with astropy's
 * {@code HADec -> ICRS} to a fraction of an arcsecond.
 */
public final class Astrometry {

    /** MJD zero point: JD = MJD + 2400000.5. */
    public static final double MJD_ZERO = 2400000.5;

    private Astrometry() {
    }

    /**
     * The sky position of a pointing given as a topocentric apparent hour angle and declination.
     *
     * @param midMjd mid-time, MJD (UTC)
     * @param haRad  apparent hour angle at the site, radians, positive west
     * @param decRad apparent declination, radians
     * @param site   the observatory
     */
    public static Pointing fromHourAngle(double midMjd, double haRad, double decRad, Site site) {
        try {
            var tai = JSOFA.jauUtctai(MJD_ZERO, midMjd);
            var tt = JSOFA.jauTaitt(tai.djm0, tai.djm1);
            var ut1 = JSOFA.jauUtcut1(MJD_ZERO, midMjd, 0.0);
            double elong = Math.toRadians(site.longitudeDeg());
            double phi = Math.toRadians(site.latitudeDeg());
            double last = JSOFA.jauAnp(JSOFA.jauGst06a(ut1.djm0, ut1.djm1, tt.djm0, tt.djm1) + elong);

            // Observed (HA, Dec) -> CIRS; pressure 0 switches refraction off.
            var cirs = JSOFA.jauAtoi13("H", haRad, decRad, MJD_ZERO, midMjd, 0.0, elong, phi, site.altitudeM(),
                    0.0, 0.0, 0.0, 0.0, 0.0, 0.0);
            // CIRS -> ICRS; the date wants TDB, which differs from TT by under 2 ms: far below an arcsecond.
            var icrs = JSOFA.jauAtic13(cirs.alpha, cirs.delta, tt.djm0, tt.djm1);

            return new Pointing(
                    Math.toDegrees(JSOFA.jauAnp(icrs.pos.alpha)), Math.toDegrees(icrs.pos.delta),
                    Math.toDegrees(JSOFA.jauAnp(last - haRad)), Math.toDegrees(decRad),
                    Math.toDegrees(haRad), Math.toDegrees(last));
        } catch (JSOFAIllegalParameter | JSOFAInternalError e) {
            throw new IllegalArgumentException("cannot convert MJD " + midMjd + ": " + e.getMessage(), e);
        }
    }

    /**
     * Where a file pointed.
     *
     * @param raDeg     right ascension, ICRS, degrees in [0, 360)
     * @param decDeg    declination, ICRS, degrees
     * @param raAppDeg  apparent (of-date, equinox-based) right ascension: local apparent sidereal time - HA
     * @param decAppDeg apparent declination
     * @param haDeg     apparent hour angle
     * @param lstAppDeg local apparent sidereal time
     */
    public record Pointing(double raDeg, double decDeg, double raAppDeg, double decAppDeg, double haDeg,
                           double lstAppDeg) {
    }

    /**
     * An observatory's geodetic position (WGS84).
     *
     * @param latitudeDeg  latitude, degrees
     * @param longitudeDeg east longitude, degrees
     * @param altitudeM    height, metres
     */
    public record Site(double latitudeDeg, double longitudeDeg, double altitudeM) {
        /** OVRO, where DSA-110 is: the default of files that carry no site. */
        public static final Site OVRO = new Site(37.233386982, -118.283405115, 1188.0519);
    }
}
