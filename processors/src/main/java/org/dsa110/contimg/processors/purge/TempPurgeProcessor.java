package org.dsa110.contimg.processors.purge;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.dsa110.contimg.contract.Outcome;
import org.dsa110.contimg.contract.TempPurgeRequest;
import org.dsa110.contimg.processors.kernel.DueEntries;
import org.dsa110.contimg.processors.kernel.Outcomes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads {@code contimg.temp-purges}; writes {@code contimg.outcomes} ({@code purged} with bytes and entries,
 * {@code kept}, {@code vanished}, {@code failed}, {@code rejected}). On the filesystem: deletes idle temporary
 * directories with {@link TempPurger}, never following links, never leaving the rule's root.
 *
 * <p>Candidates wait in the {@value #STORE} store. A wall-clock punctuation checks the ones that are due: each
 * new candidate at once, every candidate right after start-up (so a backlog is cleared at once), and a kept one
 * again every purge interval. A candidate that became active again is kept and re-checked.
 */
public final class TempPurgeProcessor implements Processor<String, TempPurgeRequest, String, Outcome> {

    public static final String STORE = "temp-purge-candidates";
    private static final Logger log = LoggerFactory.getLogger(TempPurgeProcessor.class);
    private static final Duration TICK = Duration.ofSeconds(1);

    private final TempPurger purger;
    private final Outcomes outcomes;
    private final Duration interval;
    private final Clock clock;
    private ProcessorContext<String, Outcome> context;
    private KeyValueStore<String, PurgeCandidate> candidates;
    private boolean firstPass = true;

    public TempPurgeProcessor(TempPurger purger, Outcomes outcomes, Duration interval, Clock clock) {
        this.purger = purger;
        this.outcomes = outcomes;
        this.interval = interval;
        this.clock = clock;
    }

    @Override
    public void init(ProcessorContext<String, Outcome> context) {
        this.context = context;
        this.candidates = context.getStateStore(STORE);
        context.schedule(TICK, PunctuationType.WALL_CLOCK_TIME, this::checkDue);
    }

    @Override
    public void process(Record<String, TempPurgeRequest> record) {
        String path = record.value() != null ? record.value().path() : record.key();
        if (path == null || candidates.get(path) != null) {
            return;
        }
        Optional<PurgeRule> rule;
        try {
            rule = purger.ruleFor(Path.of(path));
        } catch (InvalidPathException e) {
            rule = Optional.empty();
        }
        if (rule.isEmpty()) {
            log.warn("Not a purge candidate, whatever the request says: {}", path);
            context.forward(new Record<>(
                    path,
                    outcomes.rejected(Outcome.Stage.TEMP_PURGE, path, "no purge rule covers it", null),
                    record.timestamp()));
            return;
        }
        candidates.put(path, new PurgeCandidate(path, rule.get().name(), clock.instant(), false));
    }

    private void checkDue(long timestamp) {
        Instant now = clock.instant();
        boolean everything = firstPass;
        firstPass = false;
        for (var entry :
                DueEntries.of(candidates, c -> everything || !c.nextCheck().isAfter(now))) {
            check(entry.value, now, timestamp);
        }
    }

    private void check(PurgeCandidate candidate, Instant now, long timestamp) {
        String path = candidate.path();
        PurgeResult result;
        try {
            result = purger.check(Path.of(path));
        } catch (RuntimeException e) {
            result = new PurgeResult.Failed(e.toString());
        }
        Outcome outcome = null;
        PurgeCandidate keep = null;
        if (result instanceof PurgeResult.Purged purged) {
            log.info("Purged {} ({} entries, {} bytes)", path, purged.entries(), purged.bytes());
            outcome = outcomes.purged(
                    path, "idle longer than rule " + candidate.rule() + " allows", purged.bytes(), purged.entries());
        } else if (result instanceof PurgeResult.Active active) {
            keep = new PurgeCandidate(path, candidate.rule(), now.plus(interval), true);
            if (!candidate.reportedKept()) {
                outcome = outcomes.kept(
                        path,
                        "active: newest change " + active.newest() + "; checked again every " + interval.toSeconds()
                                + " s");
            }
        } else if (result instanceof PurgeResult.Partial partial) {
            log.error("Purged {} only in part: {} entries left ({})", path, partial.remaining(), partial.reason());
            keep = new PurgeCandidate(path, candidate.rule(), now.plus(interval), true);
            outcome = outcomes.keptInPart(
                    path,
                    "partly deleted: " + partial.remaining() + " entries remain (" + partial.reason() + ")",
                    partial.bytes(),
                    partial.entries());
        } else if (result instanceof PurgeResult.Vanished) {
            outcome = outcomes.vanished(Outcome.Stage.TEMP_PURGE, path, "gone before it was purged", null);
        } else if (result instanceof PurgeResult.Rejected rejected) {
            log.warn("Not purging {}: {}", path, rejected.reason());
            outcome = outcomes.rejected(Outcome.Stage.TEMP_PURGE, path, rejected.reason(), null);
        } else {
            // Failed; a Due only comes from assess(), never from check().
            String reason = result instanceof PurgeResult.Failed failed ? failed.reason() : "unexpected " + result;
            log.error("Checking {} failed: {}", path, reason);
            keep = new PurgeCandidate(path, candidate.rule(), now.plus(interval), candidate.reportedKept());
            outcome = outcomes.failed(Outcome.Stage.TEMP_PURGE, path, reason, null);
        }
        if (keep != null) {
            candidates.put(path, keep);
        } else {
            candidates.delete(path);
        }
        if (outcome != null) {
            context.forward(new Record<>(path, outcome, timestamp));
        }
    }
}
