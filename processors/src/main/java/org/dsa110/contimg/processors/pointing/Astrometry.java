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

    /** The zenith at the site and mid-time: a drift scan's, or an unprojected phase centre's, pointing. */
    public static Pointing zenith(double midMjd, Site site) {
        return fromHourAngle(midMjd, 0.0, Math.toRadians(site.latitudeDeg()), site);
    }

    /** A topocentric azimuth (from north through east) and altitude, radians: a driftscan phase centre. */
    public static Pointing fromAzimuthAltitude(double midMjd, double azRad, double altRad, Site site) {
        try {
            var cirs = JSOFA.jauAtoi13("A", azRad, Math.PI / 2 - altRad, MJD_ZERO, midMjd, 0.0,
                    Math.toRadians(site.longitudeDeg()), Math.toRadians(site.latitudeDeg()), site.altitudeM(),
                    0.0, 0.0, 0.0, 0.0, 0.0, 0.0);
            double[] tt = tt(midMjd);
            var icrs = JSOFA.jauAtic13(cirs.alpha, cirs.delta, tt[0], tt[1]);
            return fromIcrs(midMjd, icrs.pos.alpha, icrs.pos.delta, site);
        } catch (JSOFAIllegalParameter | JSOFAInternalError e) {
            throw new IllegalArgumentException("cannot convert MJD " + midMjd + ": " + e.getMessage(), e);
        }
    }

    /** A catalog position already in ICRS, radians, with its apparent place and hour angle at the mid-time. */
    public static Pointing fromIcrs(double midMjd, double raRad, double decRad, Site site) {
        try {
            double[] tt = tt(midMjd);
            var ut1 = JSOFA.jauUtcut1(MJD_ZERO, midMjd, 0.0);
            double last = JSOFA.jauAnp(JSOFA.jauGst06a(ut1.djm0, ut1.djm1, tt[0], tt[1])
                    + Math.toRadians(site.longitudeDeg()));
            // ICRS -> CIRS; CIRS RA minus the equation of the origins is the equinox-based apparent RA.
            var cirs = JSOFA.jauAtci13(raRad, decRad, 0.0, 0.0, 0.0, 0.0, tt[0], tt[1]);
            double raApp = JSOFA.jauAnp(cirs.pos.alpha - cirs.eo);
            double ha = JSOFA.jauAnpm(last - raApp);
            return new Pointing(Math.toDegrees(JSOFA.jauAnp(raRad)), Math.toDegrees(decRad), Math.toDegrees(raApp),
                    Math.toDegrees(cirs.pos.delta), Math.toDegrees(ha), Math.toDegrees(last));
        } catch (JSOFAIllegalParameter | JSOFAInternalError e) {
            throw new IllegalArgumentException("cannot convert MJD " + midMjd + ": " + e.getMessage(), e);
        }
    }

    /** GCRS (geocentric apparent, at the mid-time) to ICRS, radians: removes aberration and light deflection. */
    public static double[] gcrsToIcrs(double midMjd, double raRad, double decRad) {
        double[] tt = tt(midMjd);
        var astrom = new JSOFA.Astrom();
        JSOFA.jauApcg13(tt[0], tt[1], astrom);
        var icrs = JSOFA.jauAticq(raRad, decRad, astrom);
        return new double[]{JSOFA.jauAnp(icrs.alpha), icrs.delta};
    }

    /** FK5 (equinox and epoch J2000) to ICRS, radians. */
    public static double[] fk5ToIcrs(double raRad, double decRad) {
        var icrs = JSOFA.jauFk52h(raRad, decRad, 0.0, 0.0, 0.0, 0.0);
        return new double[]{JSOFA.jauAnp(icrs.pos.alpha), icrs.pos.delta};
    }

    /** TT as a two-part Julian Date; TDB differs by under 2 ms, far below what matters here. */
    private static double[] tt(double midMjd) {
        try {
            var tai = JSOFA.jauUtctai(MJD_ZERO, midMjd);
            var tt = JSOFA.jauTaitt(tai.djm0, tai.djm1);
            return new double[]{tt.djm0, tt.djm1};
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
