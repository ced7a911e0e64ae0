package org.dsa110.contimg.sink.status;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.dsa110.contimg.contract.Outcome;
import org.dsa110.contimg.contract.Outcome.Result;
import org.dsa110.contimg.contract.Outcome.Stage;

/**
 * What {@code contimg.outcomes} says the pipeline did, in the terms of the old monitor's status file.
 *
 * <p>Counts ({@code files_processed} and the per-stage sections) cover the outcomes since the monitor started, as
 * the old monitor's did; the last-hour figures ({@code recent_error_count}, the failed share of extractions) cover
 * the hour before now whenever the outcomes happened, so a restart does not forget a bad hour.
 *
 * <p>The {@code files_*} figures count files, as the old monitor did, not outcomes: a file extracted twice (written
 * in place, so seen created and then modified) counts once, by its latest result, and a retry counts only when it
 * succeeds or finally fails.
 */
public final class OutcomeTally {

    static final Duration RECENT = Duration.ofHours(1);

    private final Instant since;
    private final Map<Stage, EnumMap<Result, Long>> counts = new EnumMap<>(Stage.class);
    private final Map<Stage, LastError> lastErrors = new EnumMap<>(Stage.class);
    /** Each file's latest final result (true: extracted) since the start, oldest first, at most {@link #FILES}. */
    private final Map<String, Boolean> files = new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > FILES; // a forgotten file's result stays counted; a later result would count again
        }
    };

    private long filesSucceeded;
    private long filesFailed;
    /** Each file's latest final result in the last hour, whenever it came. */
    private final Map<String, Recent> recent = new LinkedHashMap<>();

    private Instant lastProcessed;
    private Instant lastSuccess;

    /** Files remembered by path, to count each once: a year of DSA-110 first subbands is about 100,000. */
    static final int FILES = 1_000_000;

    private record LastError(Instant at, String message) {}

    /** A failed or rejected outcome, for the dashboard's list of recent failures. */
    public record Failure(Instant at, String stage, String path, String reason) {}

    /** How many recent failures are kept. */
    static final int FAILURES = 20;

    private final Deque<Failure> failures = new ArrayDeque<>();
    /** Outcomes per stage and result in each minute of the last hour (minute since the epoch to count). */
    private final Map<Stage, EnumMap<Result, TreeMap<Long, Long>>> lastHour = new EnumMap<>(Stage.class);

    private record Recent(Instant at, boolean extracted) {}

    /** Outcomes before {@code since} feed only the last-hour figures. */
    public OutcomeTally(Instant since) {
        this.since = since;
    }

    public synchronized void record(Outcome outcome) {
        if (outcome.stage() == null || outcome.result() == null) {
            return; // Topics.OUTCOMES refuses these on read; one made in this process is ignored the same way
        }
        Instant at = outcome.at() == null ? since : outcome.at();
        boolean error = outcome.result() == Result.FAILED || outcome.result() == Result.REJECTED;
        if (outcome.stage() == Stage.POINTING && (outcome.result() == Result.EXTRACTED || error)) {
            boolean extracted = outcome.result() == Result.EXTRACTED;
            lastProcessed = later(lastProcessed, at);
            if (extracted) {
                lastSuccess = later(lastSuccess, at);
            }
            recent.remove(outcome.path());
            recent.put(outcome.path(), new Recent(at, extracted));
            if (!at.isBefore(since)) {
                Boolean before = files.remove(outcome.path());
                files.put(outcome.path(), extracted);
                if (before != null) {
                    filesSucceeded -= before ? 1 : 0;
                    filesFailed -= before ? 0 : 1;
                }
                filesSucceeded += extracted ? 1 : 0;
                filesFailed += extracted ? 0 : 1;
            }
        }
        lastHour.computeIfAbsent(outcome.stage(), st -> new EnumMap<>(Result.class))
                .computeIfAbsent(outcome.result(), r -> new TreeMap<>())
                .merge(at.getEpochSecond() / 60, 1L, Long::sum);
        if (error) {
            failures.addFirst(new Failure(at, outcome.stage().name().toLowerCase(), outcome.path(), outcome.detail()));
            if (failures.size() > FAILURES) {
                failures.removeLast();
            }
            LastError previous = lastErrors.get(outcome.stage());
            if (previous == null || !at.isBefore(previous.at())) {
                lastErrors.put(outcome.stage(), new LastError(at, outcome.path() + ": " + outcome.detail()));
            }
        }
        if (!at.isBefore(since)) {
            counts.computeIfAbsent(outcome.stage(), s -> new EnumMap<>(Result.class))
                    .merge(outcome.result(), 1L, Long::sum);
        }
    }

    /** The old monitor's {@code metrics}, field for field; times are Unix seconds (as Python's time.time()). */
    public synchronized Map<String, Object> monitorMetrics(Instant now) {
        forgetBefore(now.minus(RECENT));
        long succeeded = filesSucceeded;
        long failed = filesFailed;
        long processed = succeeded + failed;
        LastError lastError = lastErrors.get(Stage.POINTING);
        var metrics = new LinkedHashMap<String, Object>();
        metrics.put("files_processed", processed);
        metrics.put("files_succeeded", succeeded);
        metrics.put("files_failed", failed);
        // Nothing processed is nothing failed: 100, so an alert on a low rate does not fire on a quiet start.
        metrics.put("success_rate_percent", processed == 0 ? 100.0 : Math.round(1000.0 * succeeded / processed) / 10.0);
        metrics.put("uptime_seconds", Math.max(0, Duration.between(since, now).toSeconds()));
        metrics.put("last_processed_time", unixSeconds(lastProcessed));
        metrics.put("last_success_time", unixSeconds(lastSuccess));
        metrics.put("last_error_time", lastError == null ? null : unixSeconds(lastError.at()));
        metrics.put("last_error_message", lastError == null ? null : lastError.message());
        metrics.put(
                "recent_error_count",
                recent.values().stream().filter(r -> !r.extracted()).count());
        return metrics;
    }

    /** Extractions that finished in the last hour, and how many of them failed. */
    public synchronized RecentExtractions recentExtractions(Instant now) {
        forgetBefore(now.minus(RECENT));
        int failed = (int) recent.values().stream().filter(r -> !r.extracted()).count();
        return new RecentExtractions(recent.size(), failed);
    }

    /** @param finished files whose extraction succeeded or finally failed; @param failed those that failed */
    public record RecentExtractions(int finished, int failed) {

        /** The failed share, 0 to 1; 0 when nothing finished. */
        public double failedShare() {
            return finished == 0 ? 0 : (double) failed / finished;
        }
    }

    /**
     * One stage's counts by result since the monitor started, and its last error. For extraction, {@code extracted}
     * and {@code failed} count files by their latest result (a file extracted twice counts once), the other
     * results count outcomes ({@code retrying}: tries that will be repeated; {@code unchanged}: backfill requests
     * for files already extracted and unchanged since).
     */
    public synchronized Map<String, Object> section(Stage stage) {
        var section = new LinkedHashMap<String, Object>();
        EnumMap<Result, Long> byResult = new EnumMap<>(counts.getOrDefault(stage, new EnumMap<>(Result.class)));
        if (stage == Stage.POINTING) {
            byResult.remove(Result.EXTRACTED);
            byResult.remove(Result.FAILED);
            if (filesSucceeded > 0) {
                byResult.put(Result.EXTRACTED, filesSucceeded);
            }
            if (filesFailed > 0) {
                byResult.put(Result.FAILED, filesFailed);
            }
        }
        for (Result result : Result.values()) {
            if (byResult.containsKey(result)) {
                section.put(result.name().toLowerCase(), byResult.get(result));
            }
        }
        LastError lastError = lastErrors.get(stage);
        section.put("last_error_time", lastError == null ? null : lastError.at().toString());
        section.put("last_error_message", lastError == null ? null : lastError.message());
        return section;
    }

    /**
     * The last hour's outcomes per stage and result ({@code {"log_move": {"moved": 3}, ...}}), counted by minute:
     * what the dashboard shows as the last hour's work, whenever the monitor started.
     */
    public synchronized Map<String, Map<String, Long>> lastHour(Instant now) {
        forgetBefore(now.minus(RECENT));
        var hour = new LinkedHashMap<String, Map<String, Long>>();
        lastHour.forEach((stage, byResult) -> {
            var counts = new LinkedHashMap<String, Long>();
            byResult.forEach((result, minutes) -> {
                long total =
                        minutes.values().stream().mapToLong(Long::longValue).sum();
                if (total > 0) {
                    counts.put(result.name().toLowerCase(), total);
                }
            });
            hour.put(stage.name().toLowerCase(), counts);
        });
        return hour;
    }

    /** The latest failed or rejected outcomes, newest first, at most {@value #FAILURES}. */
    public synchronized List<Failure> recentFailures() {
        return List.copyOf(failures);
    }

    /** Outcomes from several partitions interleave out of time order, so the whole window is checked. */
    private void forgetBefore(Instant cutoff) {
        recent.values().removeIf(r -> r.at().isBefore(cutoff));
        long firstMinute = cutoff.getEpochSecond() / 60;
        lastHour.values()
                .forEach(byResult -> byResult.values()
                        .forEach(minutes -> minutes.headMap(firstMinute).clear()));
    }

    private static Instant later(Instant current, Instant candidate) {
        return current == null || candidate.isAfter(current) ? candidate : current;
    }

    private static BigDecimal unixSeconds(Instant at) {
        return at == null ? null : UnixSeconds.of(at);
    }
}
