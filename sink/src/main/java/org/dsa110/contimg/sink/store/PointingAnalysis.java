package org.dsa110.contimg.sink.store;

import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import org.dsa110.contimg.contract.Mjd;
import org.dsa110.contimg.pointing.Astrometry;
import org.dsa110.contimg.pointing.PointingExtractor;
import org.dsa110.contimg.pointing.analysis.Campaign;
import org.dsa110.contimg.pointing.analysis.DeclinationCampaigns;
import org.dsa110.contimg.pointing.analysis.HealpixGrid;
import org.dsa110.contimg.pointing.analysis.SkyCoverage;
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

    public SkyCoverage.Coverage coverage(double startMjd, double endMjd, SkyCoverage coverage) throws SQLException {
        return coverage.of(history.observed(startMjd, endMjd));
    }

    /**
     * The catalog's transits within {@code hours} of {@code now} at the latest row's declination: a drift scan's
     * hour angle is held, any other pointing is taken to return to the meridian (hour angle 0). The site is
     * DSA-110's: the history does not record one.
     */
    public Upcoming upcoming(Instant now, double hours, TransitFinder finder) throws SQLException {
        if (!(hours > 0 && hours <= MAX_UPCOMING_HOURS)) {
            throw new IllegalArgumentException("hours must be in (0, " + MAX_UPCOMING_HOURS + "]: " + hours);
        }
        PointingHistory.Row latest = history.latest();
        if (latest == null) {
            return new Upcoming(now, hours, null, null, List.of());
        }
        double dec = latest.decAppDeg() != null ? latest.decAppDeg() : latest.decDeg();
        boolean holds = latest.kind() == null || PointingExtractor.holdsHourAngle(latest.kind());
        double ha = holds && latest.haDeg() != null ? latest.haDeg() : 0.0;
        List<UpcomingRow> rows = finder.upcoming(Mjd.of(now), hours, ha, dec, Astrometry.Site.OVRO).stream()
                .map(UpcomingRow::of)
                .toList();
        return new Upcoming(now, hours, latest, ha, rows);
    }

    /** The default coverage grid: HEALPix at {@link HealpixGrid#DEFAULT_NSIDE} (0.92 deg cells). */
    public static SkyCoverage defaultCoverage() {
        return new SkyCoverage(new HealpixGrid(HealpixGrid.DEFAULT_NSIDE), PrimaryBeam.dsa110());
    }
}
