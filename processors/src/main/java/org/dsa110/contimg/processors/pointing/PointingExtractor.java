package org.dsa110.contimg.processors.pointing;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.dsa110.contimg.events.OneLine;
import org.dsa110.contimg.events.Outcome;
import org.dsa110.contimg.events.PointingObservation;
import org.dsa110.contimg.events.PointingRequest;
import org.dsa110.contimg.processors.DueEntries;
import org.dsa110.contimg.processors.Outcomes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads {@code contimg.pointing-requests}; writes {@code contimg.pointing} (the observation, keyed by the file's
 * path) and {@code contimg.outcomes} ({@code extracted}, {@code retrying}, {@code failed}). On the filesystem:
 * reads UVH5 headers, never writes.
 *
 * <p>A file that cannot be read yet (empty, cut short, a header not complete: the writer has not closed it) is
 * kept in the {@value #STORE} store and tried again by a wall-clock punctuation after growing delays
 * ({@link #BACKOFF}: 5 tries over about 2 minutes), then reported {@code failed} with the last reason. A file
 * that is plainly wrong (not HDF5, a string declination, a time that disagrees with its name) fails at once.
 */
public final class PointingExtractor implements Processor<String, PointingRequest, String, ExtractorOutput> {

    public static final String STORE = "pointing-pending";
    /** Delays before the 2nd, 3rd, 4th and 5th tries: 5 tries over 1 min 55 s. */
    public static final List<Duration> BACKOFF = List.of(Duration.ofSeconds(10), Duration.ofSeconds(20),
            Duration.ofSeconds(35), Duration.ofSeconds(50));
    private static final Logger log = LoggerFactory.getLogger(PointingExtractor.class);
    private static final Duration TICK = Duration.ofSeconds(1);
    /** Reasons that mean "not written yet" rather than "wrong". */
    private static final Set<String> TRANSIENT = Set.of("empty file", "truncated HDF5 file", "unreadable HDF5",
            "no Header group", "no Header/time_array", "no such file");

    private final PointingExtraction extraction;
    private final Outcomes outcomes;
    private final Clock clock;
    private ProcessorContext<String, ExtractorOutput> context;
    private KeyValueStore<String, PendingExtraction> pending;

    public PointingExtractor(PointingExtraction extraction, Outcomes outcomes, Clock clock) {
        this.extraction = extraction;
        this.outcomes = outcomes;
        this.clock = clock;
    }

    @Override
    public void init(ProcessorContext<String, ExtractorOutput> context) {
        this.context = context;
        this.pending = context.getStateStore(STORE);
        context.schedule(TICK, PunctuationType.WALL_CLOCK_TIME, this::retryDue);
    }

    @Override
    public void process(Record<String, PointingRequest> record) {
        String path = record.value() != null ? record.value().path() : record.key();
        if (path != null) {
            attempt(path, 1, record.timestamp());
        }
    }

    private void retryDue(long timestamp) {
        Instant now = clock.instant();
        for (var entry : DueEntries.of(pending, p -> !p.nextTry().isAfter(now))) {
            attempt(entry.key, entry.value.attempts() + 1, timestamp);
        }
    }

    private void attempt(String path, int attempt, long timestamp) {
        PointingObservation observation;
        try {
            observation = extraction.extract(Path.of(path));
        } catch (RuntimeException e) {
            String reason = OneLine.of(e);
            failedAttempt(path, attempt, reason, timestamp);
            return;
        }
        settle(path, attempt);
        log.info("Pointing of {}: MJD {} RA {} Dec {} ({})", path, observation.midMjd(), observation.raDeg(),
                observation.decDeg(), observation.kind());
        context.forward(new Record<>(path, new ExtractorOutput(observation, null), timestamp));
        context.forward(new Record<>(path, new ExtractorOutput(null, outcomes.of(path, Outcome.Stage.POINTING,
                Outcome.Result.EXTRACTED, observation.kind(), null, observation.fileSizeBytes(), null, attempt)),
                timestamp));
    }

    /**
     * A final result ends any retry still pending for the path: a retry's own, or one a newer event overtook (a
     * file copied in place is seen created, still short, then modified, complete). The lookup spares the changelog
     * a tombstone for the usual file that never waited.
     */
    private void settle(String path, int attempt) {
        if (attempt > 1 || pending.get(path) != null) {
            pending.delete(path);
        }
    }

    private void failedAttempt(String path, int attempt, String reason, long timestamp) {
        boolean transientReason = TRANSIENT.stream().anyMatch(reason::startsWith);
        if (transientReason && attempt <= BACKOFF.size()) {
            Duration delay = BACKOFF.get(attempt - 1);
            pending.put(path, new PendingExtraction(path, attempt, clock.instant().plus(delay), reason));
            context.forward(new Record<>(path, new ExtractorOutput(null, outcomes.of(path, Outcome.Stage.POINTING,
                    Outcome.Result.RETRYING, reason + "; try " + (attempt + 1) + " in " + delay.toSeconds() + " s",
                    null, null, null, attempt)), timestamp));
            return;
        }
        settle(path, attempt);
        log.error("No pointing from {}: {}", path, reason);
        context.forward(new Record<>(path, new ExtractorOutput(null, outcomes.of(path, Outcome.Stage.POINTING,
                Outcome.Result.FAILED, reason, null, null, null, attempt)), timestamp));
    }
}
