package org.dsa110.contimg.processors.calibration;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.dsa110.contimg.contract.CalibratorTransit;
import org.dsa110.contimg.contract.PointingObservation;
import org.dsa110.contimg.pointing.calibrators.Transit;
import org.dsa110.contimg.pointing.calibrators.TransitFinder;

/**
 * Reads {@code contimg.pointing} (every host's files); writes the {@code matches-by-calibrator} repartition topic,
 * keyed by calibrator: each calibrator the observation saw transit inside its span and beam ({@link TransitFinder}),
 * one match per calibrator and file ({@link CalibratorTransit#key}), as a {@link MatchChange} for the
 * {@link BestFileMarker}, which publishes it. Touches no file.
 *
 * <p>The topic the matches end on is compacted, so it must say what is true now: the {@value #STORE} store
 * remembers, per file, the matches last published for it, and a new observation of the file (re-extracted, with
 * another header or catalog) or its tombstone retracts those it no longer holds: its own, never another file's.
 */
public final class TransitFindProcessor implements Processor<String, PointingObservation, String, MatchChange> {

    public static final String STORE = "transits-by-file";

    private final TransitFinder finder;
    private ProcessorContext<String, MatchChange> context;
    private KeyValueStore<String, FileTransits> published;

    public TransitFindProcessor(TransitFinder finder) {
        this.finder = finder;
    }

    @Override
    public void init(ProcessorContext<String, MatchChange> context) {
        this.context = context;
        this.published = context.getStateStore(STORE);
    }

    @Override
    public void process(Record<String, PointingObservation> record) {
        String file = record.key();
        List<CalibratorTransit> now = record.value() == null ? List.of() : matches(record.value());
        FileTransits before = published.get(file);
        Map<String, String> was = before == null ? Map.of() : before.indexByKey();
        Map<String, String> is = new LinkedHashMap<>();
        for (CalibratorTransit match : now) {
            is.put(match.key(), TransitIndex.of(match));
        }
        for (var old : was.entrySet()) {
            if (!is.containsKey(old.getKey())) {
                forward(record, old.getKey(), new MatchChange(old.getKey(), old.getValue(), null));
            }
        }
        for (CalibratorTransit match : now) {
            forward(record, match.key(), new MatchChange(match.key(), was.get(match.key()), match));
        }
        if (is.isEmpty()) {
            published.delete(file);
        } else {
            published.put(file, new FileTransits(is));
        }
    }

    /** Keyed by the calibrator, the part of the match's key before its first {@code @}. */
    private void forward(Record<String, PointingObservation> record, String key, MatchChange change) {
        context.forward(record.withKey(key.substring(0, key.indexOf('@'))).withValue(change));
    }

    private List<CalibratorTransit> matches(PointingObservation observation) {
        String catalog = finder.catalog().source();
        return finder.transits(observation).stream()
                .map(transit -> match(transit, catalog))
                .toList();
    }

    private static CalibratorTransit match(Transit transit, String catalog) {
        var source = transit.calibrator();
        return new CalibratorTransit(
                CalibratorTransit.SCHEMA,
                source.name(),
                source.altName(),
                transit.transitMjd(),
                transit.transitTime(),
                transit.sourceFile(),
                source.raDeg(),
                source.decDeg(),
                transit.offsetDeg(),
                transit.response(),
                source.fluxJy(),
                transit.apparentFluxJy(),
                catalog,
                null);
    }
}
