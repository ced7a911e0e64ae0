package org.dsa110.contimg.processors.kernel;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;
import org.dsa110.contimg.contract.Outcome.Result;
import org.dsa110.contimg.contract.Outcome.Stage;
import org.dsa110.contimg.contract.topics.ConsumerGroups;
import org.dsa110.contimg.contract.topics.Topic;

/**
 * Counters the processors share across stream threads: routes taken, outcomes by stage and result, bytes moved
 * and freed, how long pointing reads take. The status snapshot shows them by name ({@code log_move_moved},
 * {@code routed_pointing}); once bound to a registry ({@link #bindTo}) they are Prometheus series too, read from
 * the same atomics at each scrape:
 * <ul>
 *   <li>{@code contimg_processors_outcomes_total{stage, result}}, with the stage and result names of
 *       {@code contimg.outcomes} ({@code stage="log-move", result="moved"});</li>
 *   <li>{@code contimg_processors_outcome_bytes_total{stage, result}}: bytes moved into the log directory, freed by
 *       purges, of the files extracted;</li>
 *   <li>{@code contimg_processors_routed_total{route}} and {@code contimg_processors_dropped_total{reason}}: what the
 *       classifier did with each file event;</li>
 *   <li>{@code contimg_processors_pointing_skipped_total{reason}}: pointing requests that read nothing
 *       ({@code unchanged}, {@code already_pending});</li>
 *   <li>{@code contimg_processors_extraction_duration_seconds}: a histogram of each read of a UVH5 file;</li>
 *   <li>{@code contimg_processors_reads_abandoned_total}: reads that did not finish within their bound;</li>
 *   <li>{@code contimg_processors_dead_letters_total{topic}}: records of each input sent to {@code contimg.dlq}
 *       (status {@code dead_letters}, {@code dead_letters_fs_events}, ...).</li>
 * </ul>
 */
public final class ProcessorsMetrics implements DeadLetterCount {

    /** The outcomes each stage can have, registered at zero so rates and alerts see them before the first. */
    private static final Map<Stage, List<Result>> EXPECTED = Map.of(
            Stage.CLASSIFY, List.of(Result.REJECTED),
            Stage.LOG_MOVE, List.of(Result.MOVED, Result.VANISHED, Result.RETRYING, Result.FAILED, Result.REJECTED),
            Stage.TEMP_PURGE, List.of(Result.PURGED, Result.KEPT, Result.VANISHED, Result.FAILED, Result.REJECTED),
            Stage.POINTING,
                    List.of(Result.EXTRACTED, Result.UNCHANGED, Result.RETRYING, Result.FAILED, Result.REJECTED));

    /** The topics the processors read, whose dead letters are counted from zero. */
    private static final List<String> INPUTS =
            ConsumerGroups.PROCESSORS_INPUTS.stream().map(Topic::name).toList();

    /** A counter: its name in the status snapshot, and its meter (or none: a total only the status shows). */
    private record Count(String meter, Tags tags, String description, String baseUnit, AtomicLong value) {}

    private final ConcurrentHashMap<String, Count> counters = new ConcurrentHashMap<>();
    private static final int STAGES = Stage.values().length;
    private static final int RESULTS = Result.values().length;
    private final AtomicReferenceArray<Count> byOutcome = new AtomicReferenceArray<>(2 * STAGES * RESULTS);
    private final ConcurrentHashMap<String, Count> byRoute = new ConcurrentHashMap<>();
    /** Counter names by drop reason: the reasons are a handful of fixed texts, named once each. */
    private static final ConcurrentHashMap<String, String> DROPPED_NAMES = new ConcurrentHashMap<>();

    private volatile MeterRegistry registry;
    private volatile Timer extractionDuration;

    public void routed(String route) {
        routedCount(route).value().incrementAndGet();
    }

    public void dropped(String reason) {
        counter("dropped", null, Tags.empty(), null, null).value().incrementAndGet();
        droppedCount(reason).value().incrementAndGet();
    }

    /** What the extractor did with a request that led to no extraction ({@code unchanged}, {@code already_pending}). */
    public void extraction(String what) {
        skippedCount(what).value().incrementAndGet();
    }

    /**
     * A read of a UVH5 file that did not finish within its bound ({@code contimg_processors_reads_abandoned_total}):
     * a FIFO or device swapped in, a hung mount. Each is retried as "not yet readable".
     */
    public void readAbandoned() {
        counter(
                        "reads_abandoned",
                        "contimg.processors.reads.abandoned",
                        Tags.empty(),
                        "reads of a UVH5 file abandoned after their bound",
                        null)
                .value()
                .incrementAndGet();
    }

    @Override
    public void deadLettered(String topic) {
        counter("dead_letters", null, Tags.empty(), null, null).value().incrementAndGet();
        deadLetterCount(topic).value().incrementAndGet();
    }

    /** How long one read of a UVH5 file took, whatever came of it. */
    public void extractionTook(long nanos) {
        Timer timer = extractionDuration;
        if (timer != null) {
            timer.record(nanos, TimeUnit.NANOSECONDS);
        }
    }

    void outcome(Stage stage, Result result, Long bytes) {
        Count outcome = outcomeCount(stage, result);
        outcome.value().incrementAndGet();
        if (bytes != null && bytes > 0) {
            bytesCount(stage, result).value().addAndGet(bytes);
        }
    }

    public long get(String name) {
        Count counter = counters.get(name);
        return counter == null ? 0 : counter.value().get();
    }

    /** The counters that counted anything, by name: the metrics section of the processors' status. */
    public Map<String, Object> snapshot() {
        var sorted = new TreeMap<String, Object>();
        counters.forEach((name, count) -> {
            if (count.value().get() != 0) {
                sorted.put(name, count.value().get());
            }
        });
        return sorted;
    }

    /** Registers every counter so far, and each new one as it comes, with {@code registry}; and the read timer. */
    public void bindTo(MeterRegistry registry) {
        // Those counted so far first; from then on each counter is registered once, as it is made.
        counters.values().forEach(count -> register(registry, count));
        this.registry = registry;
        EXPECTED.forEach((stage, results) -> results.forEach(result -> outcomeCount(stage, result)));
        List.of("logmove", "temppurge", "pointing", "rejected").forEach(this::routedCount);
        List.of("deleted", "no rule", "temporary name").forEach(this::droppedCount);
        List.of("unchanged", "already_pending").forEach(this::skippedCount);
        INPUTS.forEach(this::deadLetterCount);
        bytesCount(Stage.LOG_MOVE, Result.MOVED);
        bytesCount(Stage.TEMP_PURGE, Result.PURGED);
        bytesCount(Stage.POINTING, Result.EXTRACTED);
        extractionDuration = Timer.builder("contimg.processors.extraction.duration")
                .description("time to read the pointing of one UVH5 file (header, astrometry), whatever came of it")
                .serviceLevelObjectives(
                        Duration.ofMillis(1),
                        Duration.ofMillis(2),
                        Duration.ofMillis(5),
                        Duration.ofMillis(10),
                        Duration.ofMillis(50),
                        Duration.ofMillis(250),
                        Duration.ofSeconds(1),
                        Duration.ofSeconds(5))
                .register(registry);
    }

    private Count outcomeCount(Stage stage, Result result) {
        return cached(0, stage, result);
    }

    private Count bytesCount(Stage stage, Result result) {
        return cached(1, stage, result);
    }

    /** An outcome's counter (kind 0) or its bytes' (kind 1), found by ordinals: no string is built per event. */
    private Count cached(int kind, Stage stage, Result result) {
        int slot = (kind * STAGES + stage.ordinal()) * RESULTS + result.ordinal();
        Count count = byOutcome.get(slot);
        if (count == null) {
            String stageName = stage.name().toLowerCase(Locale.ROOT);
            String resultName = result.name().toLowerCase(Locale.ROOT);
            Tags tags = Tags.of("stage", stageName.replace('_', '-'), "result", resultName);
            count = kind == 0
                    ? counter(
                            stageName + "_" + resultName,
                            "contimg.processors.outcomes",
                            tags,
                            "outcomes on contimg.outcomes, by stage and result",
                            null)
                    : counter(
                            stageName + "_" + resultName + "_bytes",
                            "contimg.processors.outcome",
                            tags,
                            "bytes of the files moved, freed by purges or extracted, by stage and result",
                            "bytes");
            byOutcome.set(slot, count); // the map's one Count for the name, whoever sets it
        }
        return count;
    }

    private Count routedCount(String route) {
        return byRoute.computeIfAbsent(
                route,
                r -> counter(
                        "routed_" + r,
                        "contimg.processors.routed",
                        Tags.of("route", r),
                        "file events routed to a stage",
                        null));
    }

    private Count droppedCount(String reason) {
        String name = DROPPED_NAMES.computeIfAbsent(
                reason,
                r -> r.replaceAll("[^A-Za-z0-9]+", "_").toLowerCase(Locale.ROOT).replaceAll("_+$", ""));
        return counter(
                "dropped_" + name,
                "contimg.processors.dropped",
                Tags.of("reason", name),
                "file events no stage acts on",
                null);
    }

    private Count deadLetterCount(String topic) {
        String name = topic == null
                ? "unknown"
                : topic.replaceFirst("^contimg\\.", "").replace('-', '_');
        return counter(
                "dead_letters_" + name,
                "contimg.processors.dead.letters",
                Tags.of("topic", topic == null ? "unknown" : topic),
                "records sent to contimg.dlq, by the topic they were read from",
                null);
    }

    private Count skippedCount(String reason) {
        return counter(
                "pointing_" + reason,
                "contimg.processors.pointing.skipped",
                Tags.of("reason", reason),
                "pointing requests that read nothing",
                null);
    }

    private Count counter(String name, String meter, Tags tags, String description, String baseUnit) {
        Count existing = counters.get(name);
        if (existing != null) {
            return existing;
        }
        boolean[] made = {false};
        Count created = counters.computeIfAbsent(name, n -> {
            made[0] = true;
            return new Count(meter, tags, description, baseUnit, new AtomicLong());
        });
        MeterRegistry bound = registry;
        if (made[0] && bound != null) {
            register(bound, created);
        }
        return created;
    }

    private static void register(MeterRegistry registry, Count count) {
        if (count.meter() != null) {
            FunctionCounter.builder(count.meter(), count.value(), AtomicLong::get)
                    .tags(count.tags())
                    .description(count.description())
                    .baseUnit(count.baseUnit())
                    .register(registry);
        }
    }
}
