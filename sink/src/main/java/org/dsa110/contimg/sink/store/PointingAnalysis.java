package org.dsa110.contimg.sink.store;

import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import org.dsa110.contimg.contract.CalibratorTransit;
import org.dsa110.contimg.contract.Mjd;
import org.dsa110.contimg.pointing.Astrometry;
import org.dsa110.contimg.pointing.PointingExtractor;
import org.dsa110.contimg.pointing.analysis.Campaign;
import org.dsa110.contimg.pointing.analysis.DataTimeline;
import org.dsa110.contimg.pointing.analysis.DeclinationCampaigns;
import org.dsa110.contimg.pointing.analysis.HealpixGrid;
import org.dsa110.contimg.pointing.analysis.SkyCoverage;
import org.dsa110.contimg.pointing.calibrators.Calibrator;
import org.dsa110.contimg.pointing.calibrators.PrimaryBeam;
import org.dsa110.contimg.pointing.calibrators.TransitFinder;
import org.dsa110.contimg.pointing.calibrators.UpcomingTransit;

/**
 * The analyses of the pointing history, read from the products database (read-only): declination campaigns, sky
 * coverage and the calibrator transits still to come. One place for {@code contimg campaigns}, {@code contimg
 * coverage}, {@code contimg transits --upcoming} and the HTTP API, so both answer alike; the results are the
 * records they print and serve (snake_case JSON).
 */
public final class PointingAnalysis {

    /** A declination campaign as printed and served. */
    public record CampaignRow(
            double startMjd,
            Instant startTime,
            double endMjd,
            Instant endTime,
            double hoursObserved,
            long files,
            double meanDecDeg,
            double minDecDeg,
            double maxDecDeg) {

        static CampaignRow of(Campaign campaign) {
            return new CampaignRow(
                    campaign.startMjd(),
                    Mjd.toInstant(campaign.startMjd()),
                    campaign.endMjd(),
                    Mjd.toInstant(campaign.endMjd()),
                    campaign.hoursObserved(),
                    campaign.files(),
                    campaign.meanDecDeg(),
                    campaign.minDecDeg(),
                    campaign.maxDecDeg());
        }
    }

    /** A transit still to come, as printed and served. */
    public record UpcomingRow(
            String calibrator,
            String altName,
            double transitMjd,
            Instant transitTime,
            double hoursFromNow,
            double offsetDeg,
            double response,
            Double fluxJy,
            Double apparentFluxJy) {

        static UpcomingRow of(UpcomingTransit transit) {
            return new UpcomingRow(
                    transit.calibrator().name(),
                    transit.calibrator().altName(),
                    transit.transitMjd(),
                    transit.transitTime(),
                    transit.hoursFromNow(),
                    transit.offsetDeg(),
                    transit.response(),
                    transit.calibrator().fluxJy(),
                    transit.apparentFluxJy());
        }
    }

    /**
     * The transits to come and what they were computed for: the latest row's time, declination (apparent, of
     * date) and the hour angle the telescope is taken to hold; {@code pointing} is {@code null} when the history
     * is empty (then there is nothing to predict).
     */
    public record Upcoming(
            Instant now, double hours, PointingHistory.Row pointing, Double haDeg, List<UpcomingRow> transits) {}

    /** A month: beyond that the telescope's plans, not the sky, decide what transits in its beam. */
    public static final double MAX_UPCOMING_HOURS = 24 * 31;

    private final PointingHistory history;

    public PointingAnalysis(PointingHistory history) {
        this.history = history;
    }

    public List<CampaignRow> campaigns(double startMjd, double endMjd, DeclinationCampaigns campaigns)
            throws SQLException {
        return campaigns.of(history.observed(startMjd, endMjd)).stream()
                .map(CampaignRow::of)
                .toList();
    }

    /**
     * When there is data in [{@code startMjd}, {@code endMjd}] (an infinite bound: the data's own), merged across
     * files ({@link DataTimeline}).
     */
    public DataTimeline.Timeline timeline(double startMjd, double endMjd, DataTimeline timeline) throws SQLException {
        // Rows are found by mid-time; a file whose span crosses a bound has its mid-time within a file's length
        // of it: a day's margin, then the spans are clipped to the window.
        double from = Double.isInfinite(startMjd) ? 0 : startMjd - 1;
        double to = Double.isInfinite(endMjd) ? Double.MAX_VALUE : endMjd + 1;
        return timeline.of(history.observed(from, to), startMjd, endMjd);
    }

    public SkyCoverage.Coverage coverage(double startMjd, double endMjd, SkyCoverage coverage) throws SQLException {
        return coverage.of(history.observed(startMjd, endMjd));
    }

    /**
     * The catalog's transits within {@code hours} of {@code now} at the latest row's declination: a drift scan's
     * hour angle is held, any other pointing is taken to return to the meridian (hour angle 0). The site is
     * DSA-110's: the history does not record one.
     */
    public Upcoming upcoming(Instant now, double hours, TransitFinder finder) throws SQLException {
        requireHours(hours);
        PointingHistory.Row latest = history.latest();
        if (latest == null) {
            return new Upcoming(now, hours, null, null, List.of());
        }
        double dec = declinationOf(latest);
        double ha = heldHourAngle(latest);
        List<UpcomingRow> rows = finder.upcoming(Mjd.of(now), hours, ha, dec, Astrometry.Site.OVRO).stream()
                .map(UpcomingRow::of)
                .toList();
        return new Upcoming(now, hours, latest, ha, rows);
    }

    /**
     * The calibrator to observe, for a declination and a window ({@link TransitFinder#best}).
     *
     * @param decAppDeg the apparent declination it was chosen for
     * @param haDeg     the hour angle the telescope is taken to hold
     * @param pointing  the row the declination came from, {@code null} when it was given
     * @param best      the best transit, {@code null} when no catalog source transits inside the beam
     */
    public record BestCalibrator(
            Instant now,
            double hours,
            double decAppDeg,
            double haDeg,
            PointingHistory.Row pointing,
            UpcomingRow best) {}

    /**
     * The best calibrator within {@code hours} of {@code now} at {@code decAppDeg}, or, when that is {@code null},
     * at the latest row's declination and held hour angle (as {@link #upcoming}); {@code null} when no declination
     * is given and the history is empty.
     */
    public BestCalibrator best(Instant now, Double decAppDeg, double hours, TransitFinder finder) throws SQLException {
        requireHours(hours);
        PointingHistory.Row latest = null;
        double dec;
        double ha = 0.0;
        if (decAppDeg != null) {
            dec = decAppDeg;
        } else {
            latest = history.latest();
            if (latest == null) {
                return null;
            }
            dec = declinationOf(latest);
            ha = heldHourAngle(latest);
        }
        UpcomingRow best = finder.best(Mjd.of(now), hours, ha, dec, Astrometry.Site.OVRO)
                .map(UpcomingRow::of)
                .orElse(null);
        return new BestCalibrator(now, hours, dec, ha, latest, best);
    }

    /**
     * One calibrator's transits: the next {@code next} at the site, with their response at the latest pointing (the
     * meridian at its declination; 0 response if the history is empty), and those the files held, newest first.
     *
     * @param past the matches recorded in {@code calibrator_transits}
     */
    public record CalibratorTransits(
            String calibrator,
            String altName,
            Double decAppDeg,
            List<UpcomingRow> next,
            List<CalibratorTransit> past) {}

    /** {@code null} when the catalog has no source of that name (its catalog name or other name, any case). */
    public CalibratorTransits transitsOf(
            String name, Instant now, int next, int pastLimit, TransitFinder finder, TransitHistory transits)
            throws SQLException {
        Calibrator source = finder.catalog().named(name);
        if (source == null) {
            return null;
        }
        PointingHistory.Row latest = history.latest();
        Double dec = latest == null ? null : declinationOf(latest);
        double ha = latest == null ? 0.0 : heldHourAngle(latest);
        List<UpcomingRow> coming =
                finder.next(source, Mjd.of(now), next, ha, dec == null ? -90.0 : dec, Astrometry.Site.OVRO).stream()
                        .map(UpcomingRow::of)
                        .toList();
        List<CalibratorTransit> past = transits.between(0, Mjd.of(now), source.name(), 0, pastLimit, true);
        return new CalibratorTransits(source.name(), source.altName(), dec, coming, past);
    }

    private static double declinationOf(PointingHistory.Row row) {
        return row.decAppDeg() != null ? row.decAppDeg() : row.decDeg();
    }

    /** A drift scan's hour angle is held; any other pointing is taken to return to the meridian. */
    private static double heldHourAngle(PointingHistory.Row row) {
        boolean holds = row.kind() == null || PointingExtractor.holdsHourAngle(row.kind());
        return holds && row.haDeg() != null ? row.haDeg() : 0.0;
    }

    private static void requireHours(double hours) {
        if (!(hours > 0 && hours <= MAX_UPCOMING_HOURS)) {
            throw new IllegalArgumentException("hours must be in (0, " + MAX_UPCOMING_HOURS + "]: " + hours);
        }
    }

    /** The default coverage grid: HEALPix at {@link HealpixGrid#DEFAULT_NSIDE} (0.92 deg cells). */
    public static SkyCoverage defaultCoverage() {
        return new SkyCoverage(new HealpixGrid(HealpixGrid.DEFAULT_NSIDE), PrimaryBeam.dsa110());
    }
}
