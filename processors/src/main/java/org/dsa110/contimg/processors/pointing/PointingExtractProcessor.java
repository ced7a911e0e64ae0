package org.dsa110.contimg.processors.pointing;

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
 *
 * <p>No file holds the stream thread, and with it the log moves and purges of the same partition, for longer than
 * the read bound: every read runs on a reader thread and is abandoned after the bound ({@link BoundedReads}), then
 * retried like a file not yet written.
 */
public final class PointingExtractProcessor implements Processor<String, PointingRequest, String, ExtractorOutput> {

    public static final String STORE = "pointing-pending";
    public static final String DONE_STORE = "pointing-extracted";
    private static final Logger log = LoggerFactory.getLogger(PointingExtractProcessor.class);
    private static final Duration TICK = Duration.ofSeconds(1);
    /** Reads left stuck (in {@code open(2)} on a dead mount) before no new one is started: threads never pile up. */
    static final int MAX_UNFINISHED_READS = 4;

    private final Outcomes outcomes;
    private final Clock clock;
    private final ProcessorsMetrics metrics;
    private final List<Duration> backoff;
    private final List<Path> sources;
    private final BoundedReads reads;
    private final FileRead fileRead;
    private ProcessorContext<String, ExtractorOutput> context;
    private KeyValueStore<String, PendingExtraction> pending;
    private KeyValueStore<String, ExtractedFile> done;

    /**
     * @param sources the incoming directory and the archives: the only places a file is read from
     * @param backoff delays before the 2nd, 3rd, ... tries of a file that cannot be read yet
     * @param readBound how long one read may hold the stream thread ({@link BoundedReads})
     */
    public PointingExtractProcessor(
            PointingExtractor extractor,
            List<Path> sources,
            Outcomes outcomes,
            ProcessorsMetrics metrics,
            List<Duration> backoff,
            Duration readBound,
            Clock clock) {
        this.reads = new BoundedReads(readBound, MAX_UNFINISHED_READS, clock, metrics::readAbandoned);
        this.fileRead = new FileRead(extractor, sources);
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
            rejected(path, refused, record.timestamp());
            return;
        }
        PendingExtraction waiting = pending.get(path);
        if (waiting != null) {
            tryOutOfTurn(waiting, record.timestamp());
            return;
        }
        FileEvent event = request == null ? null : request.event();
        ExtractedFile before = event != null && event.isForced() ? null : done.get(path);
        FileRead.Result read = read(path, before == null ? null : before.identity());
        if (read instanceof FileRead.Result.Unchanged) {
            unchanged(path, before, event, record.timestamp());
            return;
        }
        concluded(path, 1, 1, read, record.timestamp());
    }

    /** A request is input, not an order: whoever wrote it, no file outside the sources is ever opened. */
    private void rejected(String path, String reason, long timestamp) {
        settle(path);
        log.warn("Refused a pointing request for {}: {}", path, reason);
        context.forward(new Record<>(
                path,
                new ExtractorOutput.Reported(outcomes.rejected(Outcome.Stage.POINTING, path, reason, null)),
                timestamp));
    }

    /**
     * Why a requested path may not be read by its name, or {@code null}: the classifier's rule, checked again here.
     * The path is resolved on disk at every try ({@link FileRead}).
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
        if (sources.stream().noneMatch(file::startsWith)) {
            return "outside the UVH5 sources " + sources;
        }
        if (file.getFileName() == null || !FileNames.isFirstSubband(file.getFileName())) {
            return "not a first-sub-band UVH5 name (" + FileNames.FIRST_SUBBAND + ")";
        }
        return null;
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
        FileRead.Result read = read(path, waiting.identity());
        if (read instanceof FileRead.Result.Unchanged
                || read instanceof FileRead.Result.Failed failed && failed.identity() == null) {
            metrics.extraction("already_pending");
            return;
        }
        if (read instanceof FileRead.Result.Failed failed && notYetWritten(failed.failure())) {
            pending.put(path, waiting.triedOutOfTurn(OneLine.of(failed.failure()), failed.identity()));
            metrics.extraction("already_pending");
            return;
        }
        concluded(path, Integer.MAX_VALUE, waiting.attempts() + 1, read, timestamp);
    }

    /**
     * One try at the file, off the stream thread and timed for
     * {@code contimg_processors_extraction_duration_seconds}; a try abandoned after its bound is a failure with no
     * identity, "not yet readable".
     */
    private FileRead.Result read(String path, FileIdentity unlessStill) {
        long began = System.nanoTime();
        try {
            // Only this host's requests reach this processor (HostAffinity): the file is on this host's tree.
            return reads.read(path, () -> fileRead.read(path, unlessStill));
        } catch (UvH5Exception e) {
            return new FileRead.Result.Failed(null, e);
        } finally {
            metrics.extractionTook(System.nanoTime() - began);
        }
    }

    /** By the failure's kind, never its wording; anything but a {@link UvH5Exception} (a bug) is final. */
    private static boolean notYetWritten(RuntimeException e) {
        return e instanceof UvH5Exception failure && failure.kind() == UvH5Exception.Kind.NOT_YET_WRITTEN;
    }

    @Override
    public void close() {
        reads.close();
    }

    private void retryDue(long timestamp) {
        Instant now = clock.instant();
        for (var entry : DueEntries.of(pending, p -> !p.nextTry().isAfter(now))) {
            int attempt = entry.value.attempts() + 1;
            concluded(entry.key, attempt, attempt, read(entry.key, null), timestamp);
        }
    }

    /**
     * @param chainTry the try's place in the chain of retries ({@code Integer.MAX_VALUE}: a try out of turn, which
     *                 never schedules another)
     * @param attempt  the try's number, as the outcome reports it
     */
    private void concluded(String path, int chainTry, int attempt, FileRead.Result read, long timestamp) {
        if (read instanceof FileRead.Result.Refused refused) {
            rejected(path, refused.reason(), timestamp);
        } else if (read instanceof FileRead.Result.Observed observed) {
            extracted(path, observed.identity(), attempt, observed.observation().withHost(outcomes.host()), timestamp);
        } else if (read instanceof FileRead.Result.Failed failed) {
            failedAttempt(path, failed.identity(), chainTry, attempt, failed.failure(), timestamp);
        } else {
            throw new IllegalStateException("unchanged, yet read again: " + read);
        }
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
