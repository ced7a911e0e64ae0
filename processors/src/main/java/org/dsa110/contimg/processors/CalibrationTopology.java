package org.dsa110.contimg.processors;

import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.state.Stores;
import org.dsa110.contimg.contract.CalibratorTransit;
import org.dsa110.contimg.contract.PointingObservation;
import org.dsa110.contimg.contract.json.JsonSerde;
import org.dsa110.contimg.contract.topics.Topic;
import org.dsa110.contimg.contract.topics.Topics;
import org.dsa110.contimg.pointing.analysis.DeclinationCampaigns;
import org.dsa110.contimg.pointing.calibrators.TransitFinder;
import org.dsa110.contimg.processors.calibration.BestFileMarker;
import org.dsa110.contimg.processors.calibration.CalibrationMetrics;
import org.dsa110.contimg.processors.calibration.CampaignState;
import org.dsa110.contimg.processors.calibration.CampaignWatcher;
import org.dsa110.contimg.processors.calibration.FileTransits;
import org.dsa110.contimg.processors.calibration.MatchChange;
import org.dsa110.contimg.processors.calibration.TransitFindProcessor;

/**
 * The calibration application's topology ({@code contimg-calibration}: one for the whole cluster, an instance beside
 * each host's processors), apart from any {@code main} so tests build the very same one:
 * <pre>
 * contimg.pointing ─┬─ TransitFinder ─> matches-by-calibrator (repartition) ─> BestFileMarker ─> contimg.calibrator-transits
 *  (every host's)   │  store: transits-by-file                               store: matches-by-transit
 *                   └─ (not tombstones) ─> observations-by-telescope (repartition) ─> CampaignWatcher ─> contimg.campaigns
 *                                                                         store: campaign-by-telescope
 * contimg.calibrator-transits ─ (keys from before matches were per file) ─> their tombstones, on the same topic
 * </pre>
 * The per-host processors find what is in a host's files; this finds what needs all of them at once: the best file
 * of a transit (its files may be on several hosts) and the start of a campaign (the telescope's files in time
 * order). Each repartition brings what one decision needs to one task. Reads no file.
 */
public final class CalibrationTopology {

    /** How far ahead of a campaign's start its best calibrator is chosen from: a sidereal day holds every transit. */
    public static final double CAMPAIGN_WINDOW_HOURS = 24.0;
    /** How many of the campaign calibrator's transits its event lists: a week of them. */
    public static final int CAMPAIGN_TRANSITS = 7;

    private CalibrationTopology() {}

    public static Topology build(TransitFinder finder, DeclinationCampaigns campaigns, CalibrationMetrics metrics) {
        var builder = new StreamsBuilder();
        KStream<String, PointingObservation> observations = from(builder, Topics.POINTING);
        markBestFiles(builder, observations, finder, metrics);
        watchCampaigns(builder, observations, finder, campaigns, metrics);
        retractTransitKeys(builder, metrics);
        return builder.build();
    }

    /**
     * {@code contimg.pointing} to {@code contimg.calibrator-transits}: every file's matches ({@link
     * TransitFindProcessor}), brought together by calibrator and marked best of their transit or not ({@link
     * BestFileMarker}).
     */
    private static void markBestFiles(
            StreamsBuilder builder,
            KStream<String, PointingObservation> observations,
            TransitFinder finder,
            CalibrationMetrics metrics) {
        builder.addStateStore(Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(TransitFindProcessor.STORE),
                Serdes.String(),
                JsonSerde.of(FileTransits.class)));
        builder.addStateStore(Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(BestFileMarker.STORE),
                Serdes.String(),
                JsonSerde.of(CalibratorTransit.class)));
        observations
                .process(() -> new TransitFindProcessor(finder), Named.as("transit-finder"), TransitFindProcessor.STORE)
                .repartition(Repartitioned.with(Serdes.String(), JsonSerde.of(MatchChange.class))
                        .withName("matches-by-calibrator"))
                .process(() -> new BestFileMarker(metrics), Named.as("best-file-marker"), BestFileMarker.STORE)
                .to(Topics.CALIBRATOR_TRANSITS.name(), produced(Topics.CALIBRATOR_TRANSITS));
    }

    /** {@code contimg.pointing} to {@code contimg.campaigns}, one telescope's observations in one task. */
    private static void watchCampaigns(
            StreamsBuilder builder,
            KStream<String, PointingObservation> observations,
            TransitFinder finder,
            DeclinationCampaigns campaigns,
            CalibrationMetrics metrics) {
        builder.addStateStore(Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(CampaignWatcher.STORE),
                Serdes.String(),
                JsonSerde.of(CampaignState.class)));
        observations
                .filter((file, observation) -> observation != null, Named.as("observations-not-deletions"))
                .selectKey(
                        (file, observation) -> observation.telescope() == null ? "unknown" : observation.telescope(),
                        Named.as("by-telescope"))
                .repartition(Repartitioned.with(Serdes.String(), JsonSerde.of(PointingObservation.class))
                        .withName("observations-by-telescope"))
                .process(
                        () -> new CampaignWatcher(campaigns, finder, CAMPAIGN_WINDOW_HOURS, CAMPAIGN_TRANSITS, metrics),
                        Named.as("campaign-watcher"),
                        CampaignWatcher.STORE)
                .to(Topics.CAMPAIGNS.name(), produced(Topics.CAMPAIGNS));
    }

    /**
     * A key of {@code contimg.calibrator-transits} from before matches were per file ({@link
     * CalibratorTransit#isTransitKey}: one match per transit, the last file processed overwriting the others) is
     * retracted wherever it comes from: the markers re-publish every file's matches under their own keys, so the
     * topic and every table rebuilt from it upgrade at this application's first start.
     */
    private static void retractTransitKeys(StreamsBuilder builder, CalibrationMetrics metrics) {
        from(builder, Topics.CALIBRATOR_TRANSITS)
                .filter(
                        (key, match) -> match != null && CalibratorTransit.isTransitKey(key),
                        Named.as("keys-from-before-matches-were-per-file"))
                .mapValues(
                        match -> {
                            metrics.retracted();
                            return (CalibratorTransit) null;
                        },
                        Named.as("to-tombstone"))
                .to(Topics.CALIBRATOR_TRANSITS.name(), produced(Topics.CALIBRATOR_TRANSITS));
    }

    private static <K, V> KStream<K, V> from(StreamsBuilder builder, Topic<K, V> topic) {
        return builder.stream(topic.name(), Consumed.with(topic.keySerde(), topic.valueSerde()));
    }

    private static <K, V> Produced<K, V> produced(Topic<K, V> topic) {
        return Produced.with(topic.keySerde(), topic.valueSerde());
    }
}
