package org.dsa110.contimg.processors.logs;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.dsa110.contimg.contract.LogMoveRequest;
import org.dsa110.contimg.contract.Outcome;
import org.dsa110.contimg.processors.kernel.DueEntries;
import org.dsa110.contimg.processors.kernel.Outcomes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads {@code contimg.log-moves}; writes {@code contimg.outcomes} ({@code moved}, {@code vanished},
 * {@code retrying}, {@code failed}, {@code rejected}). On the filesystem: moves each CASA log into the log
 * directory with {@link LogMover} (link + unlink, or copy across filesystems), never overwriting.
 *
 * <p>A log on another filesystem that is still being written is kept in the {@value #STORE} store and tried
 * again every second by a wall-clock punctuation until it has been quiet for the quiescence period.
 * Operators' log lines are the old daemon's: {@code Detected casa log file: P}, {@code Moved A -> B},
 * {@code Failed to move P: reason}.
 */
public final class LogMoveProcessor implements Processor<String, LogMoveRequest, String, Outcome> {

    public static final String STORE = "log-move-pending";
    private static final Logger log = LoggerFactory.getLogger(LogMoveProcessor.class);
    private static final Duration RETRY_EVERY = Duration.ofSeconds(1);

    private final LogMover mover;
    private final Outcomes outcomes;
    private final Clock clock;
    private ProcessorContext<String, Outcome> context;
    private KeyValueStore<String, PendingMove> pending;

    public LogMoveProcessor(LogMover mover, Outcomes outcomes, Clock clock) {
        this.mover = mover;
        this.outcomes = outcomes;
        this.clock = clock;
    }

    @Override
    public void init(ProcessorContext<String, Outcome> context) {
        this.context = context;
        this.pending = context.getStateStore(STORE);
        context.schedule(RETRY_EVERY, PunctuationType.WALL_CLOCK_TIME, this::retryPending);
    }

    @Override
    public void process(Record<String, LogMoveRequest> record) {
        String path = record.value() != null ? record.value().path() : record.key();
        if (path == null) {
            return;
        }
        log.info("Detected casa log file: {}", path);
        attempt(path, 1, record.timestamp());
    }

    private void retryPending(long timestamp) {
        for (var entry : DueEntries.of(pending, move -> true)) {
            attempt(entry.key, entry.value.attempts() + 1, timestamp);
        }
    }

    private Outcome outcome(String path, int attempt, MoveResult result) {
        if (result instanceof MoveResult.Moved moved) {
            log.info("Moved {} -> {}", path, moved.target());
            return outcomes.moved(
                    path,
                    moved.target().toString(),
                    moved.bytes(),
                    moved.copied() ? "copied across filesystems" : null,
                    attempt);
        }
        if (result instanceof MoveResult.Vanished) {
            return outcomes.vanished(Outcome.Stage.LOG_MOVE, path, "gone before it could be moved", attempt);
        }
        if (result instanceof MoveResult.NotQuiescent wait) {
            boolean first = pending.get(path) == null;
            pending.put(path, new PendingMove(path, attempt, clock.instant()));
            return first ? outcomes.retrying(Outcome.Stage.LOG_MOVE, path, wait.detail(), attempt) : null;
        }
        if (result instanceof MoveResult.Rejected rejected) {
            log.warn("Not moving {}: {}", path, rejected.reason());
            return outcomes.rejected(Outcome.Stage.LOG_MOVE, path, rejected.reason(), attempt);
        }
        String reason = ((MoveResult.Failed) result).reason();
        log.error("Failed to move {}: {}", path, reason);
        return outcomes.failed(Outcome.Stage.LOG_MOVE, path, reason, attempt);
    }

    private void attempt(String path, int attempt, long timestamp) {
        MoveResult result;
        try {
            result = mover.move(Path.of(path));
        } catch (RuntimeException e) {
            // Nothing escapes to the stream thread: a bug or a strange path is a failed outcome.
            result = new MoveResult.Failed(e.toString());
        }
        Outcome outcome = outcome(path, attempt, result);
        if (!(result instanceof MoveResult.NotQuiescent) && attempt > 1 && pending.get(path) != null) {
            pending.delete(path); // only what was pending: a delete writes a changelog tombstone
        }
        if (outcome != null) {
            context.forward(new Record<>(path, outcome, timestamp));
        }
    }
}
