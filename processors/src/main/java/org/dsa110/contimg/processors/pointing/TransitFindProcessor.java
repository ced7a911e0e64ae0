package org.dsa110.contimg.processors.pointing;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.dsa110.contimg.contract.CalibratorTransit;
import org.dsa110.contimg.contract.PointingObservation;
import org.dsa110.contimg.pointing.calibrators.Transit;
import org.dsa110.contimg.pointing.calibrators.TransitFinder;

/**
 * Reads {@code contimg.pointing}; writes {@code contimg.calibrator-transits}: each calibrator the observation saw
 * transit inside its span and beam ({@link TransitFinder}), one match per calibrator and file, keyed
 * {@code <calibrator>@<file>} ({@link CalibratorTransit#key}), so every file holding a transit has its own match.
 * Touches no file.
 *
 * <p>The topic is compacted, so it must say what is true now: the {@value #STORE} store remembers, per file, the
 * keys last published for it, and a new observation of the file (re-extracted, with another header or catalog) or
 * its tombstone retracts those it no longer holds with tombstones: its own, never another file's. A key written
 * before matches were per file ({@code <calibrator>@<transit second>}) is never one of a file's keys now, so the
 * file's next observation retracts it ({@code contimg backfill --force} observes every file again).
 */
public final class TransitFindProcessor implements Processor<String, PointingObservation, String, CalibratorTransit> {

    public static final String STORE = "transits-by-file";

    private final TransitFinder finder;
    private ProcessorContext<String, CalibratorTransit> context;
    private KeyValueStore<String, FileTransits> published;

    public TransitFindProcessor(TransitFinder finder) {
        this.finder = finder;
    }

    @Override
    public void init(ProcessorContext<String, CalibratorTransit> context) {
        this.context = context;
        this.published = context.getStateStore(STORE);
    }

    @Override
    public void process(Record<String, PointingObservation> record) {
        String file = record.key();
        List<CalibratorTransit> now = record.value() == null ? List.of() : transits(record.value());
        Set<String> keys = new LinkedHashSet<>();
        for (CalibratorTransit transit : now) {
            keys.add(transit.key());
        }
        FileTransits before = published.get(file);
        if (before != null) {
            for (String key : before.keys()) {
                if (!keys.contains(key)) {
                    context.forward(record.withKey(key).withValue(null));
                }
            }
        }
        for (CalibratorTransit transit : now) {
            context.forward(record.withKey(transit.key()).withValue(transit));
        }
        if (keys.isEmpty()) {
            published.delete(file);
        } else {
            published.put(file, new FileTransits(new ArrayList<>(keys)));
        }
    }

    private List<CalibratorTransit> transits(PointingObservation observation) {
        String catalog = finder.catalog().source();
        return finder.transits(observation).stream()
                .map(transit -> record(transit, catalog))
                .toList();
    }

    private static CalibratorTransit record(Transit transit, String catalog) {
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
