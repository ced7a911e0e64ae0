package org.dsa110.contimg.processors.pointing;

import java.io.IOException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.dsa110.contimg.contract.FileEvent;
import org.dsa110.contimg.contract.FileIdentity;
import org.dsa110.contimg.contract.OneLine;
import org.dsa110.contimg.contract.Outcome;
import org.dsa110.contimg.contract.PointingObservation;
import org.dsa110.contimg.contract.PointingRequest;
import org.dsa110.contimg.contract.config.FileNames;
import org.dsa110.contimg.pointing.PointingExtractor;
import org.dsa110.contimg.pointing.UvH5Header.UvH5Exception;
import org.dsa110.contimg.processors.kernel.Confinement;
import org.dsa110.contimg.processors.kernel.DueEntries;
import org.dsa110.contimg.processors.kernel.Outcomes;
import org.dsa110.contimg.processors.kernel.ProcessorsMetrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads {@code contimg.pointing-requests}; writes {@code contimg.pointing} (the observation, keyed by the file's
 * path) and {@code contimg.outcomes} ({@code extracted}, {@code retrying}, {@code failed}, {@code unchanged}). On
 * the filesystem: reads UVH5 headers (and stats the files), never writes.
 *
 * <p>It remembers what it has done. The {@value #DONE_STORE} store (changelogged, in the same exactly-once
 * transactions as the records it emits) keeps, per path, the identity the file had when it was last extracted or
 * failed for good ({@link ExtractedFile}). A request for a file whose identity is still that one does nothing: no
 * header read, no record, no outcome (a backfill's request is answered, so the backfill can count it:
 * {@code unchanged}, or {@code failed} again for a file that failed and has not changed); a changed file
 * (rewritten, replaced, grown) is extracted again. A request with {@code force} ({@code contimg backfill --force})
 * is extracted whatever its identity.
 *
 * <p>A file that cannot be read yet (empty, cut short, a header not complete: the writer has not closed it) is
 * kept in the {@value #STORE} store and tried again by a wall-clock punctuation after growing delays
 * ({@code ProcessorsSettings.DEFAULT_RETRY_BACKOFF}: 5 tries over about 2 minutes), then reported {@code failed}
 * with the last reason. Requests
 * for a file while its retry is pending (rescans, a second event) leave the chain as it is, so the bound holds. A
 * file that is plainly wrong (not HDF5, a string declination, a time that disagrees with its name) fails at once,
 * and is not tried again until it changes.
 */
public final class PointingExtractProcessor implements Processor<String, PointingRequest, String, ExtractorOutput> {

    public static final String STORE = "pointing-pending";
    public static final String DONE_STORE = "pointing-extracted";
    private static final Logger log = LoggerFactory.getLogger(PointingExtractProcessor.class);
    private static final Duration TICK = Duration.ofSeconds(1);

    private final PointingExtractor extractor;
    private final Outcomes outcomes;
    private final Clock clock;
    private final ProcessorsMetrics metrics;
    private final List<Duration> backoff;
    private final List<Path> sources;
    private ProcessorContext<String, ExtractorOutput> context;
    private KeyValueStore<String, PendingExtraction> pending;
    private KeyValueStore<String, ExtractedFile> done;

    /**
     * @param sources the incoming directory and the archives: the only places a file is read from
     * @param backoff delays before the 2nd, 3rd, ... tries of a file that cannot be read yet
     */
    public PointingExtractProcessor(
            PointingExtractor extractor,
            List<Path> sources,
            Outcomes outcomes,
            ProcessorsMetrics metrics,
            List<Duration> backoff,
            Clock clock) {
        this.extractor = extractor;
        this.sources = List.copyOf(sources);
        this.backoff = List.copyOf(backoff);
        this.outcomes = outcomes;
        this.metrics = metrics;
        this.clock = clock;
    }

    @Override
    public void init(ProcessorContext<String, ExtractorOutput> context) {
        this.context = context;
        this.pending = context.getStateStore(STORE);
        this.done = context.getStateStore(DONE_STORE);
        context.schedule(TICK, PunctuationType.WALL_CLOCK_TIME, this::retryDue);
    }

    @Override
    public void process(Record<String, PointingRequest> record) {
        PointingRequest request = record.value();
        String path = request != null ? request.path() : record.key();
        if (path == null) {
            return;
        }
        String refused = refusal(path);
        if (refused != null) {
            // A request is input, not an order: whoever wrote it, no file outside the sources is ever opened.
            log.warn("Refused a pointing request for {}: {}", path, refused);
            context.forward(new Record<>(
                    path,
                    new ExtractorOutput.Reported(outcomes.rejected(Outcome.Stage.POINTING, path, refused, null)),
                    record.timestamp()));
            return;
        }
        PendingExtraction waiting = pending.get(path);
        if (waiting != null) {
            tryOutOfTurn(waiting, record.timestamp());
            return;
        }
        FileEvent event = request == null ? null : request.event();
        ExtractedFile before = event != null && event.isForced() ? null : done.get(path);
        if (before != null && before.identity().equals(identityOf(path))) {
            unchanged(path, before, event, record.timestamp());
            return;
        }
        attempt(path, 1, record.timestamp());
    }

    /**
     * Why a requested path may not be read, or {@code null}: the classifier's rule, checked again here, and the
     * path resolved inside its source on disk (no symbolic link on the way).
     */
    private String refusal(String path) {
        Path file;
        try {
            file = Path.of(path);
        } catch (InvalidPathException e) {
            return "not a valid path: " + e.getReason();
        }
        if (!file.isAbsolute() || !file.equals(file.normalize())) {
            return "not an absolute normalized path";
        }
        Path source = sources.stream().filter(file::startsWith).findFirst().orElse(null);
        if (source == null) {
            return "outside the UVH5 sources " + sources;
        }
        if (file.getFileName() == null || !FileNames.isFirstSubband(file.getFileName())) {
            return "not a first-sub-band UVH5 name (" + FileNames.FIRST_SUBBAND + ")";
        }
        return Confinement.refusal(source, file);
    }

    /** Nothing to read: counted, and answered only to a backfill, which waits to hear of every file it asked for. */
    private void unchanged(String path, ExtractedFile before, FileEvent event, long timestamp) {
        metrics.extraction("unchanged");
        if (event == null || event.source() != FileEvent.Source.BACKFILL) {
            return;
        }
        boolean failed = before.result() == Outcome.Result.FAILED;
        Outcome answer = failed
                ? outcomes.failed(
                        Outcome.Stage.POINTING,
                        path,
                        before.detail() + " (unchanged since " + before.at() + ", not read again)",
                        null)
                : outcomes.unchanged(path, "extracted " + before.at() + ", unchanged since");
        context.forward(new Record<>(path, new ExtractorOutput.Reported(answer), timestamp));
    }

    /**
     * A request for a file whose retry is pending. Its chain of tries is never restarted (rescans would otherwise
     * keep a file that never completes retrying for ever). If the file is as it was at the last try, the request
     * does nothing; if it changed (the writer went on), it is read once now, outside the chain: a file that is
     * complete now is extracted at once, a wrong one fails now, and one still incomplete waits for its next try as
     * scheduled, the bound unchanged.
     */
    private void tryOutOfTurn(PendingExtraction waiting, long timestamp) {
        String path = waiting.path();
        FileIdentity now = identityOf(path);
        if (now == null || now.equals(waiting.identity())) {
            metrics.extraction("already_pending");
            return;
        }
        PointingObservation observation;
        try {
            observation = read(path);
        } catch (RuntimeException e) {
            String reason = OneLine.of(e);
            if (notYetWritten(e)) {
                pending.put(path, waiting.triedOutOfTurn(reason, now));
                metrics.extraction("already_pending");
            } else {
                failedAttempt(path, now, Integer.MAX_VALUE, waiting.attempts() + 1, e, timestamp);
            }
            return;
        }
        extracted(path, now, waiting.attempts() + 1, observation, timestamp);
    }

    /** One read of the file, timed for {@code contimg_processors_extraction_duration_seconds}. */
    private PointingObservation read(String path) {
        String refused = refusal(path); // again at every try: a retry may come after a directory was swapped
        if (refused != null) {
            throw new UvH5Exception(refused);
        }
        long began = System.nanoTime();
        try {
            // Only this host's requests reach this processor (HostAffinity): the file is on this host's tree.
            return extractor.extract(Path.of(path)).withHost(outcomes.host());
        } finally {
            metrics.extractionTook(System.nanoTime() - began);
        }
    }

    /** By the failure's kind, never its wording; anything but a {@link UvH5Exception} (a bug) is final. */
    private static boolean notYetWritten(RuntimeException e) {
        return e instanceof UvH5Exception failure && failure.kind() == UvH5Exception.Kind.NOT_YET_WRITTEN;
    }

    /** The file's identity now, or {@code null} if it cannot be had (gone, unreadable). */
    private static FileIdentity identityOf(String path) {
        try {
            return FileIdentity.of(Path.of(path));
        } catch (IOException e) {
            return null;
        }
    }

    private void retryDue(long timestamp) {
        Instant now = clock.instant();
        for (var entry : DueEntries.of(pending, p -> !p.nextTry().isAfter(now))) {
            attempt(entry.key, entry.value.attempts() + 1, timestamp);
        }
    }

    private void attempt(String path, int attempt, long timestamp) {
        // Taken before the read: if the file changes while it is read, the next request sees another identity.
        FileIdentity identity = identityOf(path);
        PointingObservation observation;
        try {
            observation = read(path);
        } catch (RuntimeException e) {
            failedAttempt(path, identity, attempt, attempt, e, timestamp);
            return;
        }
        extracted(path, identity, attempt, observation, timestamp);
    }

    private void extracted(
            String path, FileIdentity identity, int attempt, PointingObservation observation, long timestamp) {
        settle(path);
        remember(path, identity, Outcome.Result.EXTRACTED, observation.kind());
        log.info(
                "Pointing of {}: MJD {} RA {} Dec {} ({})",
                path,
                observation.midMjd(),
                observation.raDeg(),
                observation.decDeg(),
                observation.kind());
        context.forward(new Record<>(path, new ExtractorOutput.Observed(observation), timestamp));
        context.forward(new Record<>(
                path,
                new ExtractorOutput.Reported(
                        outcomes.extracted(path, observation.kind(), observation.fileSizeBytes(), attempt)),
                timestamp));
    }

    /**
     * A final result ends any retry still pending for the path: a retry's own, or one a newer event overtook (a
     * file copied in place is seen created, still short, then modified, complete). The lookup spares the changelog
     * a tombstone for the usual file that never waited.
     */
    private void settle(String path) {
        if (pending.get(path) != null) {
            pending.delete(path);
        }
    }

    private void remember(String path, FileIdentity identity, Outcome.Result result, String detail) {
        if (identity != null) {
            done.put(path, new ExtractedFile(identity, result, detail, clock.instant()));
        }
    }

    /**
     * @param chainTry the try's place in the chain of retries ({@code Integer.MAX_VALUE}: a try out of turn, which
     *                 never schedules another)
     * @param attempt  the try's number, as the outcome reports it
     */
    private void failedAttempt(
            String path, FileIdentity identity, int chainTry, int attempt, RuntimeException failure, long timestamp) {
        String reason = OneLine.of(failure);
        if (notYetWritten(failure) && chainTry <= backoff.size()) {
            Duration delay = backoff.get(chainTry - 1);
            pending.put(
                    path, new PendingExtraction(path, attempt, clock.instant().plus(delay), reason, identity));
            String detail = reason + "; try " + (attempt + 1) + " in " + delay.toSeconds() + " s";
            context.forward(new Record<>(
                    path,
                    new ExtractorOutput.Reported(outcomes.retrying(Outcome.Stage.POINTING, path, detail, attempt)),
                    timestamp));
            return;
        }
        settle(path);
        remember(path, identity, Outcome.Result.FAILED, reason);
        log.error("No pointing from {}: {}", path, reason);
        context.forward(new Record<>(
                path,
                new ExtractorOutput.Reported(outcomes.failed(Outcome.Stage.POINTING, path, reason, attempt)),
                timestamp));
    }
}
