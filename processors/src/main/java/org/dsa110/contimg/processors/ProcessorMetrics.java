package org.dsa110.contimg.processors;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.dsa110.contimg.contract.Outcome;

/** Counters the processors share across stream threads: routes taken, outcomes by stage and result. */
public final class ProcessorMetrics {

    private final ConcurrentHashMap<String, AtomicLong> counters = new ConcurrentHashMap<>();

    void routed(String route) {
        increment("routed_" + route);
    }

    void dropped(String reason) {
        increment("dropped");
        increment(DROPPED_NAMES.computeIfAbsent(
                reason,
                r -> "dropped_"
                        + r.replaceAll("[^A-Za-z0-9]+", "_").toLowerCase().replaceAll("_+$", "")));
    }

    /** Counter names by drop reason: the reasons are a handful of fixed texts, named once each. */
    private static final ConcurrentHashMap<String, String> DROPPED_NAMES = new ConcurrentHashMap<>();

    /** What the extractor did with a request that led to no extraction ({@code unchanged}, {@code already_pending}). */
    public void extraction(String what) {
        increment("pointing_" + what);
    }

    void outcome(Outcome.Stage stage, Outcome.Result result) {
        increment(stage.name().toLowerCase() + "_" + result.name().toLowerCase());
    }

    public long get(String name) {
        AtomicLong counter = counters.get(name);
        return counter == null ? 0 : counter.get();
    }

    public Map<String, Object> snapshot() {
        var sorted = new TreeMap<String, Object>();
        counters.forEach((name, value) -> sorted.put(name, value.get()));
        return sorted;
    }

    private void increment(String name) {
        counters.computeIfAbsent(name, n -> new AtomicLong()).incrementAndGet();
    }
}
