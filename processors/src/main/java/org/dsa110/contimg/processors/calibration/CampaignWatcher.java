package org.dsa110.contimg.processors.calibration;

import java.util.List;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.dsa110.contimg.contract.CampaignEvent;
import org.dsa110.contimg.contract.Mjd;
import org.dsa110.contimg.contract.PointingObservation;
import org.dsa110.contimg.pointing.Astrometry;
import org.dsa110.contimg.pointing.PointingExtractor;
import org.dsa110.contimg.pointing.analysis.DeclinationCampaigns;
import org.dsa110.contimg.pointing.calibrators.TransitFinder;
import org.dsa110.contimg.pointing.calibrators.UpcomingTransit;

/**
 * Reads the {@code observations-by-telescope} repartition topic (every host's observations of one telescope come to
 * one task, keyed by telescope); writes {@code contimg.campaigns}, keyed {@code <telescope>@<start>}: a
 * {@link CampaignEvent} when a file newer than every one before it begins a campaign by the history's rule
 * ({@link DeclinationCampaigns#breakBefore}, the rule {@code contimg campaigns} cuts the history by), naming the
 * campaign's best calibrator ({@link TransitFinder#best}: within the window from the campaign's start, at the first
 * file's apparent declination and held hour angle) and that calibrator's next transits. Touches no file.
 *
 * <p>The {@value #STORE} store keeps, per telescope, the current campaign and the newest file. A file not newer than
 * that (a backfill of old files, a file re-extracted) is history: it neither starts nor extends a campaign, so the
 * events follow the telescope forward and a replay of the same observations publishes the same events.
 */
public final class CampaignWatcher implements Processor<String, PointingObservation, String, CampaignEvent> {

    public static final String STORE = "campaign-by-telescope";

    private final DeclinationCampaigns rule;
    private final TransitFinder finder;
    private final double windowHours;
    private final int nextTransits;
    private final CalibrationMetrics metrics;
    private ProcessorContext<String, CampaignEvent> context;
    private KeyValueStore<String, CampaignState> campaigns;

    /**
     * @param windowHours  how far from a campaign's start its best calibrator is looked for
     * @param nextTransits how many of that calibrator's transits the event lists
     */
    public CampaignWatcher(
            DeclinationCampaigns rule,
            TransitFinder finder,
            double windowHours,
            int nextTransits,
            CalibrationMetrics metrics) {
        this.rule = rule;
        this.metrics = metrics;
        this.finder = finder;
        this.windowHours = windowHours;
        this.nextTransits = nextTransits;
    }

    @Override
    public void init(ProcessorContext<String, CampaignEvent> context) {
        this.context = context;
        this.campaigns = context.getStateStore(STORE);
    }

    @Override
    public void process(Record<String, PointingObservation> record) {
        PointingObservation file = record.value();
        String telescope = record.key();
        CampaignState state = campaigns.get(telescope);
        if (state != null && file.midMjd() <= state.lastMidMjd()) {
            return;
        }
        double start = file.startMjd() != null ? file.startMjd() : file.midMjd();
        double end = file.endMjd() != null ? file.endMjd() : file.midMjd();
        CampaignEvent.Cause cause = state == null ? CampaignEvent.Cause.FIRST : causeOf(state, file, start);
        if (cause == null) {
            campaigns.put(telescope, new CampaignState(Math.max(state.endMjd(), end), file.decDeg(), file.midMjd()));
            return;
        }
        campaigns.put(telescope, new CampaignState(end, file.decDeg(), file.midMjd()));
        CampaignEvent event = event(telescope, file, start, cause, state == null ? null : state.decDeg());
        context.forward(record.withKey(event.key()).withValue(event));
        metrics.campaignPublished();
    }

    private CampaignEvent.Cause causeOf(CampaignState state, PointingObservation file, double start) {
        DeclinationCampaigns.Break at = rule.breakBefore(state.decDeg(), state.endMjd(), file.decDeg(), start);
        if (at == null) {
            return null;
        }
        return at == DeclinationCampaigns.Break.DECLINATION ? CampaignEvent.Cause.DECLINATION : CampaignEvent.Cause.GAP;
    }

    private CampaignEvent event(
            String telescope, PointingObservation file, double start, CampaignEvent.Cause cause, Double previousDec) {
        // The pointing the transits are reckoned at, as the sink's best-calibrator query takes the latest file's.
        double decApp = file.decAppDeg() != null ? file.decAppDeg() : file.decDeg();
        boolean holds = file.kind() == null || PointingExtractor.holdsHourAngle(file.kind());
        double ha = holds && file.haDeg() != null ? file.haDeg() : 0.0;
        var site = file.site() == null
                ? Astrometry.Site.OVRO
                : new Astrometry.Site(
                        file.site().latitudeDeg(),
                        file.site().longitudeDeg(),
                        file.site().altitudeM());
        UpcomingTransit best = finder.best(start, windowHours, ha, decApp, site).orElse(null);
        List<CampaignEvent.Transit> next = best == null
                ? List.of()
                : finder.next(best.calibrator(), start, nextTransits, ha, decApp, site).stream()
                        .map(t -> new CampaignEvent.Transit(
                                t.transitMjd(), t.transitTime(), t.hoursFromNow(), t.offsetDeg(), t.response()))
                        .toList();
        return new CampaignEvent(
                CampaignEvent.SCHEMA,
                telescope,
                Mjd.toInstant(start),
                start,
                cause,
                file.sourceFile(),
                file.host(),
                file.decDeg(),
                decApp,
                ha,
                previousDec,
                windowHours,
                best == null ? null : calibrator(best),
                next,
                finder.catalog().source());
    }

    private static CampaignEvent.Calibrator calibrator(UpcomingTransit best) {
        var source = best.calibrator();
        return new CampaignEvent.Calibrator(
                source.name(),
                source.altName(),
                source.raDeg(),
                source.decDeg(),
                source.fluxJy(),
                best.offsetDeg(),
                best.response(),
                best.apparentFluxJy());
    }
}
