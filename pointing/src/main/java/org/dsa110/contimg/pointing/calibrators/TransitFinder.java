package org.dsa110.contimg.pointing.calibrators;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.dsa110.contimg.contract.Mjd;
import org.dsa110.contimg.contract.PointingObservation;
import org.dsa110.contimg.pointing.Astrometry;
import org.dsa110.contimg.pointing.PointingExtractor;

/**
 * The calibrators a file saw transit: each catalog source whose meridian transit at the site (the hour angle of its
 * apparent place is 0, from the same SOFA astrometry as the extraction, no refraction) falls within the file's span
 * ({@code start_mjd} to {@code end_mjd}), and whose offset then from the pointing centre (the file's apparent hour
 * angle and declination at that time) gives a {@link PrimaryBeam} response of at least {@code minResponse}.
 *
 * <p>A drift scan holds its hour angle ({@link PointingExtractor#holdsHourAngle}); a file phased to a sky position
 * tracks it, its hour angle growing at the sidereal rate from its mid-time value. Only sources in the declination
 * strip the beam can reach are tried (the catalog is indexed by declination).
 */
public final class TransitFinder {

    /** Degrees of hour angle per day: 360 / 0.99726957 (one sidereal day). */
    static final double SIDEREAL_DEG_PER_DAY = 360.98564736629;
    /** One sidereal day, in days: the interval between a source's transits. */
    static final double SIDEREAL_DAY = 360.0 / SIDEREAL_DEG_PER_DAY;

    /** The half-power radius: a source counts when the beam's response to it is at least one half. */
    public static final double DEFAULT_MIN_RESPONSE = 0.5;

    private final CalibratorCatalog catalog;
    private final PrimaryBeam beam;
    private final double minResponse;
    private final double radiusDeg;

    /** @throws IllegalArgumentException when {@code minResponse} is not in (0, 1] */
    public TransitFinder(CalibratorCatalog catalog, PrimaryBeam beam, double minResponse) {
        if (!(minResponse > 0 && minResponse <= 1)) {
            throw new IllegalArgumentException("--min-response must be in (0, 1]: " + minResponse);
        }
        this.catalog = catalog;
        this.beam = beam;
        this.minResponse = minResponse;
        this.radiusDeg = beam.radiusDeg(minResponse);
    }

    /** The VLA 20 cm calibrators, DSA-110's beam, {@link #DEFAULT_MIN_RESPONSE}. */
    public static TransitFinder defaults() {
        return new TransitFinder(CalibratorCatalog.vla20cm(), PrimaryBeam.dsa110(), DEFAULT_MIN_RESPONSE);
    }

    /** The same catalog and beam with another least response. */
    public TransitFinder withMinResponse(double response) {
        return new TransitFinder(catalog, beam, response);
    }

    public CalibratorCatalog catalog() {
        return catalog;
    }

    public double minResponse() {
        return minResponse;
    }

    /** The transits within the file's span and beam, in time order; none when it carries no span or apparent place. */
    public List<Transit> transits(PointingObservation observation) {
        if (observation.startMjd() == null
                || observation.endMjd() == null
                || observation.haDeg() == null
                || observation.decAppDeg() == null) {
            return List.of();
        }
        var site = new Astrometry.Site(
                observation.site().latitudeDeg(),
                observation.site().longitudeDeg(),
                observation.site().altitudeM());
        double start = observation.startMjd();
        double end = observation.endMjd();
        double decPointing = observation.decAppDeg();
        // Apparent and catalog declinations differ by precession (about 0.35 deg a century from J2000) and less:
        // a margin of one degree keeps every source the beam can reach in the strip.
        double margin = radiusDeg + 1.0;
        var found = new ArrayList<Transit>();
        Estimates estimates = ESTIMATES.get().at(observation.midMjd(), site);
        for (Calibrator source : catalog.inDeclination(decPointing - margin, decPointing + margin)) {
            Crossing crossing = estimates.crossingNear(source, observation.midMjd());
            double transit = crossing.mjd();
            if (transit < start || transit > end) {
                continue;
            }
            double haPointing = pointingHourAngle(observation, transit);
            double offset = separationDeg(0, crossing.decAppDeg(), haPointing, decPointing);
            double response = beam.response(offset);
            if (offset <= radiusDeg && response >= minResponse) {
                found.add(new Transit(
                        source,
                        transit,
                        Mjd.toInstant(transit),
                        observation.sourceFile(),
                        offset,
                        response,
                        source.fluxJy() == null ? null : source.fluxJy() * response));
            }
        }
        found.sort(Comparator.comparingDouble(Transit::transitMjd));
        return found;
    }

    /**
     * The transits still to come within {@code hours} of {@code nowMjd} for a telescope that stays where it points
     * now: at apparent declination {@code decAppDeg}, holding hour angle {@code haDeg} (a drift scan; a tracking
     * file's next pointing is not known, so pass 0, the meridian). Each source in the beam's strip is followed over
     * every sidereal day of the window; those whose response at transit is at least the finder's minimum are
     * listed, in time order.
     */
    public List<UpcomingTransit> upcoming(
            double nowMjd, double hours, double haDeg, double decAppDeg, Astrometry.Site site) {
        double endMjd = nowMjd + hours / 24.0;
        double margin = radiusDeg + 1.0;
        var found = new ArrayList<UpcomingTransit>();
        for (Calibrator source : catalog.inDeclination(decAppDeg - margin, decAppDeg + margin)) {
            Crossing crossing = firstAfter(source, nowMjd, site);
            while (crossing.mjd() <= endMjd) {
                UpcomingTransit transit = at(source, crossing, nowMjd, haDeg, decAppDeg);
                if (transit.offsetDeg() <= radiusDeg && transit.response() >= minResponse) {
                    found.add(transit);
                }
                crossing = transitNear(source, crossing.mjd() + SIDEREAL_DAY, site);
            }
        }
        found.sort(Comparator.comparingDouble(UpcomingTransit::transitMjd));
        return found;
    }

    /**
     * The calibrator to observe in the window: of the transits {@link #upcoming} lists, those whose source has a
     * catalog flux, the one of highest apparent flux (flux times the beam's response), ties to the earliest; empty
     * when no catalog source transits inside the beam in the window.
     */
    public Optional<UpcomingTransit> best(
            double nowMjd, double hours, double haDeg, double decAppDeg, Astrometry.Site site) {
        return upcoming(nowMjd, hours, haDeg, decAppDeg, site).stream()
                .filter(t -> t.apparentFluxJy() != null)
                .max(Comparator.comparingDouble(UpcomingTransit::apparentFluxJy)
                        .thenComparing(Comparator.comparingDouble(UpcomingTransit::transitMjd)
                                .reversed()));
    }

    /**
     * The next {@code n} transits of {@code source} at the site after {@code nowMjd}, whatever the beam, each with
     * its offset from and response at a pointing of apparent declination {@code decAppDeg} holding hour angle
     * {@code haDeg} (the Airy pattern's, sidelobes included, far from the beam).
     */
    public List<UpcomingTransit> next(
            Calibrator source, double nowMjd, int n, double haDeg, double decAppDeg, Astrometry.Site site) {
        var found = new ArrayList<UpcomingTransit>();
        Crossing crossing = firstAfter(source, nowMjd, site);
        while (found.size() < n) {
            found.add(at(source, crossing, nowMjd, haDeg, decAppDeg));
            crossing = transitNear(source, crossing.mjd() + SIDEREAL_DAY, site);
        }
        return found;
    }

    /** The source's first transit after {@code nowMjd}. */
    private static Crossing firstAfter(Calibrator source, double nowMjd, Astrometry.Site site) {
        Crossing crossing = transitNear(source, nowMjd, site);
        return crossing.mjd() < nowMjd ? transitNear(source, crossing.mjd() + SIDEREAL_DAY, site) : crossing;
    }

    /** The source's transit at {@code crossing}, seen from a pointing at ({@code haDeg}, {@code decAppDeg}). */
    private UpcomingTransit at(Calibrator source, Crossing crossing, double nowMjd, double haDeg, double decAppDeg) {
        double offset = separationDeg(0, crossing.decAppDeg(), haDeg, decAppDeg);
        double response = beam.response(offset);
        return new UpcomingTransit(
                source,
                crossing.mjd(),
                Mjd.toInstant(crossing.mjd()),
                (crossing.mjd() - nowMjd) * 24.0,
                offset,
                response,
                source.fluxJy() == null ? null : source.fluxJy() * response);
    }

    /**
     * Crossings from one SOFA context per hour ({@link #BUCKET_DAYS}): a source's apparent place and hour angle at
     * the hour's start, the hour angle grown at the sidereal rate (the Earth rotation angle is linear in UT1). The
     * precession-nutation of a context is what costs (about a millisecond in jsofa with IAU 2000A, a tenth of that
     * with the 2000B the contexts use now; a context per source and step made a year's history take minutes);
     * within the hour the apparent place moves by hundredths of an arcsecond (aberration, precession): against
     * astropy the transits stay within 0.002 s and the offsets within 0.05 arcsec (TransitFinderTest; a day per
     * context would be 0.14 s and 0.3 arcsec). One per thread: a stream thread or a worker of a parallel rebuild
     * takes files in time order, so a context serves file after file.
     */
    private static final class Estimates {
        private double bucketMjd = Double.NaN;
        private Astrometry.Site site;
        private Astrometry.Sky sky;
        // By identity: a record hashes all its columns, the catalog has each source once.
        private final Map<Calibrator, Astrometry.Pointing> places = new IdentityHashMap<>();

        Estimates at(double mjd, Astrometry.Site at) {
            double bucket = Math.floor(mjd / BUCKET_DAYS) * BUCKET_DAYS;
            if (bucket != bucketMjd || !at.equals(site)) {
                bucketMjd = bucket;
                site = at;
                sky = Astrometry.skyAt(bucket, at);
                places.clear();
            }
            return this;
        }

        /** The crossing nearest {@code mjd}, and the source's apparent declination then. */
        Crossing crossingNear(Calibrator source, double mjd) {
            Astrometry.Pointing atStart = places.computeIfAbsent(
                    source, s -> sky.place(Math.toRadians(s.raDeg()), Math.toRadians(s.decDeg())));
            double ha = atStart.haDeg() + (mjd - bucketMjd) * SIDEREAL_DEG_PER_DAY;
            ha = ha - 360 * Math.floor((ha + 180) / 360); // into [-180, 180)
            return new Crossing(mjd - ha / SIDEREAL_DEG_PER_DAY, atStart.decAppDeg());
        }
    }

    /** How long one SOFA context serves the estimates of crossings ({@link Estimates}). */
    static final double BUCKET_DAYS = 1.0 / 24;

    private static final ThreadLocal<Estimates> ESTIMATES = ThreadLocal.withInitial(Estimates::new);

    /** A meridian crossing: its time (MJD) and the source's apparent declination then, degrees. */
    record Crossing(double mjd, double decAppDeg) {}

    /**
     * The crossing nearest {@code guessMjd}, when the source's apparent hour angle is 0, to 0.1 ms: Newton's method,
     * a full SOFA context per step (for the transits still to come, days from any file).
     */
    static Crossing transitNear(Calibrator source, double guessMjd, Astrometry.Site site) {
        double ra = Math.toRadians(source.raDeg());
        double dec = Math.toRadians(source.decDeg());
        double t = guessMjd;
        Astrometry.Pointing place = null;
        for (int i = 0; i < 4; i++) {
            place = Astrometry.fromIcrs(t, ra, dec, site);
            double step = place.haDeg() / SIDEREAL_DEG_PER_DAY; // hour angle in (-180, 180]
            t -= step;
            if (Math.abs(step) < 1e-9) { // 0.1 ms
                break;
            }
        }
        return new Crossing(t, place.decAppDeg());
    }

    private static double pointingHourAngle(PointingObservation observation, double mjd) {
        return PointingExtractor.holdsHourAngle(observation.kind())
                ? observation.haDeg()
                : observation.haDeg() + (mjd - observation.midMjd()) * SIDEREAL_DEG_PER_DAY;
    }

    /** The angle between two directions given by hour angle and declination, degrees (Vincenty's formula). */
    static double separationDeg(double ha1, double dec1, double ha2, double dec2) {
        double dl = Math.toRadians(ha2 - ha1);
        double p1 = Math.toRadians(dec1);
        double p2 = Math.toRadians(dec2);
        double y = Math.hypot(
                Math.cos(p2) * Math.sin(dl), Math.cos(p1) * Math.sin(p2) - Math.sin(p1) * Math.cos(p2) * Math.cos(dl));
        double x = Math.sin(p1) * Math.sin(p2) + Math.cos(p1) * Math.cos(p2) * Math.cos(dl);
        return Math.toDegrees(Math.atan2(y, x));
    }
}
