package org.dsa110.contimg.pointing;

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
 * go to CIRS and from CIRS to ICRS ({@code jauAtoi13} and {@code jauAtic13}, as their {@code q} forms on one
 * {@code jauApco13} context), which agrees with astropy's {@code HADec -> ICRS} to 0.3 arcsec.
 */
public final class Astrometry {

    /** MJD zero point: JD = MJD + 2400000.5. */
    public static final double MJD_ZERO = 2400000.5;

    private Astrometry() {}

    /**
     * The sky position of a pointing given as a topocentric apparent hour angle and declination.
     *
     * @param midMjd mid-time, MJD (UTC)
     * @param haRad  apparent hour angle at the site, radians, positive west
     * @param decRad apparent declination, radians
     * @param site   the observatory
     */
    public static Pointing fromHourAngle(double midMjd, double haRad, double decRad, Site site) {
        Context context = Context.at(midMjd, site);
        // Observed (HA, Dec) -> CIRS -> ICRS, both with the one context.
        var cirs = JSOFA.jauAtoiq("H", haRad, decRad, context.astrom);
        var icrs = JSOFA.jauAticq(cirs.alpha, cirs.delta, context.astrom);
        return new Pointing(
                Math.toDegrees(JSOFA.jauAnp(icrs.alpha)), Math.toDegrees(icrs.delta),
                Math.toDegrees(JSOFA.jauAnp(context.last - haRad)), Math.toDegrees(decRad),
                Math.toDegrees(haRad), Math.toDegrees(context.last));
    }

    /**
     * SOFA's star-independent astrometry for one site and time, computed once per file: {@code jauApco13}'s steps
     * (pressure 0: no refraction) with the IAU 2000B precession-nutation ({@code jauPnm00b}, its CIO locator
     * {@code jauS00}) in place of IAU 2006/2000A ({@code jauPnm06a}). The 2000A series (1,365 terms) took 0.48 of
     * the 0.55 ms {@code jauApco13} costs; 2000B (77 terms) follows it to about a milliarcsecond in this century, a
     * thousandth of the arcsecond a pointing is good to (see {@code AstrometryTest}). The {@code ...q} routines then
     * reuse the context, and the local apparent sidereal time is its Earth rotation angle minus the equation of the
     * origins.
     */
    private static final class Context {
        final JSOFA.Astrom astrom = new JSOFA.Astrom();
        double eo;
        double last;

        static Context at(double midMjd, Site site) {
            var context = new Context();
            try {
                var tai = JSOFA.jauUtctai(MJD_ZERO, midMjd);
                var tt = JSOFA.jauTaitt(tai.djm0, tai.djm1);
                var ut1 = JSOFA.jauUtcut1(MJD_ZERO, midMjd, 0.0);
                double[][] heliocentric = new double[2][3];
                double[][] barycentric = new double[2][3];
                JSOFA.jauEpv00(tt.djm0, tt.djm1, heliocentric, barycentric);
                double[][] npb = JSOFA.jauPnm00b(tt.djm0, tt.djm1);
                var pole = JSOFA.jauBpn2xy(npb);
                double s = JSOFA.jauS00(tt.djm0, tt.djm1, pole.x, pole.y);
                JSOFA.jauApco(
                        tt.djm0,
                        tt.djm1,
                        barycentric,
                        heliocentric[0],
                        pole.x,
                        pole.y,
                        s,
                        JSOFA.jauEra00(ut1.djm0, ut1.djm1),
                        Math.toRadians(site.longitudeDeg()),
                        Math.toRadians(site.latitudeDeg()),
                        site.altitudeM(),
                        0.0,
                        0.0,
                        JSOFA.jauSp00(tt.djm0, tt.djm1),
                        0.0, // refraction constants: none at pressure 0
                        0.0,
                        context.astrom);
                context.eo = JSOFA.jauEors(npb, s);
            } catch (JSOFAIllegalParameter | JSOFAInternalError e) {
                throw new IllegalArgumentException("cannot convert MJD " + midMjd + ": " + e.getMessage(), e);
            }
            context.last = JSOFA.jauAnp(context.astrom.eral - context.eo);
            return context;
        }
    }

    /** The zenith at the site and mid-time: a drift scan's, or an unprojected phase centre's, pointing. */
    public static Pointing zenith(double midMjd, Site site) {
        return fromHourAngle(midMjd, 0.0, Math.toRadians(site.latitudeDeg()), site);
    }

    /** A topocentric azimuth (from north through east) and altitude, radians: a driftscan phase centre. */
    public static Pointing fromAzimuthAltitude(double midMjd, double azRad, double altRad, Site site) {
        Context context = Context.at(midMjd, site);
        var cirs = JSOFA.jauAtoiq("A", azRad, Math.PI / 2 - altRad, context.astrom);
        var icrs = JSOFA.jauAticq(cirs.alpha, cirs.delta, context.astrom);
        return fromIcrs(context, icrs.alpha, icrs.delta);
    }

    /**
     * The sky at one site and moment: the apparent places of many catalog positions from one SOFA context (a
     * catalog's sources at a file's mid-time cost one precession-nutation, not one each).
     */
    public static Sky skyAt(double mjd, Site site) {
        return new Sky(Context.at(mjd, site));
    }

    /** See {@link #skyAt}. */
    public static final class Sky {
        private final Context context;

        private Sky(Context context) {
            this.context = context;
        }

        /** An ICRS position, radians, with its apparent place and hour angle at this moment. */
        public Pointing place(double raRad, double decRad) {
            return fromIcrs(context, raRad, decRad);
        }
    }

    /** A catalog position already in ICRS, radians, with its apparent place and hour angle at the mid-time. */
    public static Pointing fromIcrs(double midMjd, double raRad, double decRad, Site site) {
        return fromIcrs(Context.at(midMjd, site), raRad, decRad);
    }

    private static Pointing fromIcrs(Context context, double raRad, double decRad) {
        // ICRS -> CIRS; CIRS RA minus the equation of the origins is the equinox-based apparent RA.
        var cirs = JSOFA.jauAtciq(raRad, decRad, 0.0, 0.0, 0.0, 0.0, context.astrom);
        double raApp = JSOFA.jauAnp(cirs.alpha - context.eo);
        double ha = JSOFA.jauAnpm(context.last - raApp);
        return new Pointing(
                Math.toDegrees(JSOFA.jauAnp(raRad)),
                Math.toDegrees(decRad),
                Math.toDegrees(raApp),
                Math.toDegrees(cirs.delta),
                Math.toDegrees(ha),
                Math.toDegrees(context.last));
    }

    /** GCRS (geocentric apparent, at the mid-time) to ICRS, radians: removes aberration and light deflection. */
    public static double[] gcrsToIcrs(double midMjd, double raRad, double decRad) {
        double[] tt = tt(midMjd);
        var astrom = new JSOFA.Astrom();
        JSOFA.jauApcg13(tt[0], tt[1], astrom);
        var icrs = JSOFA.jauAticq(raRad, decRad, astrom);
        return new double[] {JSOFA.jauAnp(icrs.alpha), icrs.delta};
    }

    /** FK5 (equinox and epoch J2000) to ICRS, radians. */
    public static double[] fk5ToIcrs(double raRad, double decRad) {
        var icrs = JSOFA.jauFk52h(raRad, decRad, 0.0, 0.0, 0.0, 0.0);
        return new double[] {JSOFA.jauAnp(icrs.pos.alpha), icrs.pos.delta};
    }

    /** TT as a two-part Julian Date; TDB differs by under 2 ms, far below what matters here. */
    private static double[] tt(double midMjd) {
        try {
            var tai = JSOFA.jauUtctai(MJD_ZERO, midMjd);
            var tt = JSOFA.jauTaitt(tai.djm0, tai.djm1);
            return new double[] {tt.djm0, tt.djm1};
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
    public record Pointing(
            double raDeg, double decDeg, double raAppDeg, double decAppDeg, double haDeg, double lstAppDeg) {}

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
