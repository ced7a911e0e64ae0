package org.dsa110.contimg.processors.calibration;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeSet;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.dsa110.contimg.contract.CalibratorTransit;

/**
 * Reads the {@code matches-by-calibrator} repartition topic (every match of a calibrator comes to one task); writes
 * {@code contimg.calibrator-transits}, keyed {@code <calibrator>@<file>}: each changed match marked best of its
 * transit or not ({@link CalibratorTransit#outranks}, the rule the {@code calibrator_transits} table marks by), a
 * tombstone for a retracted one, and every other match of the transit whose mark the change flipped, re-published,
 * so a reader of the compacted topic can take one match per transit without grouping. Touches no file.
 *
 * <p>The {@value #STORE} store keeps every match as last published, in transit order per calibrator
 * ({@link TransitIndex}): a change reads back only its transit's matches.
 */
public final class BestFileMarker implements Processor<String, MatchChange, String, CalibratorTransit> {

    public static final String STORE = "matches-by-transit";

    private final CalibrationMetrics metrics;
    private ProcessorContext<String, CalibratorTransit> context;
    private KeyValueStore<String, CalibratorTransit> matches;

    public BestFileMarker(CalibrationMetrics metrics) {
        this.metrics = metrics;
    }

    @Override
    public void init(ProcessorContext<String, CalibratorTransit> context) {
        this.context = context;
        this.matches = context.getStateStore(STORE);
    }

    @Override
    public void process(Record<String, MatchChange> record) {
        MatchChange change = record.value();
        String calibrator = record.key();
        var around = new TreeSet<Double>(); // the transits whose marks may change
        if (change.previous() != null) {
            CalibratorTransit before = matches.get(change.previous());
            if (before != null) {
                matches.delete(change.previous());
                around.add(before.transitMjd());
            }
        }
        if (change.match() == null) {
            context.forward(record.withKey(change.key()).withValue(null));
            metrics.retracted();
        } else {
            // Unmarked, so the marking below publishes it whatever its mark.
            matches.put(TransitIndex.of(change.match()), change.match().withBest(null));
            around.add(change.match().transitMjd());
        }
        var marked = new LinkedHashMap<String, CalibratorTransit>();
        for (double mjd : around) {
            mark(calibrator, mjd, marked);
        }
        // The changed match first, then those whose marks it flipped.
        var out = new LinkedHashMap<String, CalibratorTransit>();
        String changed = change.match() == null ? null : TransitIndex.of(change.match());
        if (changed != null) {
            out.put(changed, marked.remove(changed));
        }
        out.putAll(marked);
        out.forEach((index, match) -> {
            matches.put(index, match);
            context.forward(record.withKey(match.key()).withValue(match));
            metrics.matchPublished(!index.equals(changed));
        });
    }

    /**
     * Marks each match of the transit at {@code mjd}, best when no match of its transit outranks it; the ones whose
     * mark differs from what was published go to {@code out}, by index.
     */
    private void mark(String calibrator, double mjd, Map<String, CalibratorTransit> out) {
        // Each match's own transit (SAME_TRANSIT_DAYS either side of it) lies within twice that of mjd.
        double reach = 2 * CalibratorTransit.SAME_TRANSIT_DAYS;
        var nearby = new ArrayList<Map.Entry<String, CalibratorTransit>>();
        try (var range =
                matches.range(TransitIndex.from(calibrator, mjd - reach), TransitIndex.to(calibrator, mjd + reach))) {
            range.forEachRemaining(kv -> nearby.add(Map.entry(kv.key, out.getOrDefault(kv.key, kv.value))));
        }
        for (var entry : nearby) {
            CalibratorTransit match = entry.getValue();
            if (Math.abs(match.transitMjd() - mjd) > CalibratorTransit.SAME_TRANSIT_DAYS) {
                continue;
            }
            boolean best = nearby.stream()
                    .map(Map.Entry::getValue)
                    .noneMatch(other -> other.sameTransitAs(match) && other.outranks(match));
            if (!Boolean.valueOf(best).equals(match.best())) {
                out.put(entry.getKey(), match.withBest(best));
            }
        }
    }
}
