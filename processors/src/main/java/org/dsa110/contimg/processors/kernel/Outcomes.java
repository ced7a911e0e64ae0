package org.dsa110.contimg.processors.kernel;

import java.time.Clock;
import org.dsa110.contimg.contract.Outcome;
import org.dsa110.contimg.contract.Outcome.Result;
import org.dsa110.contimg.contract.Outcome.Stage;

/**
 * Makes the processors' outcomes, one named factory per result, each stamped with this instance's component id,
 * host and clock and counted in the processors' metrics.
 */
public final class Outcomes {

    private final String component;
    private final String host;
    private final Clock clock;
    private final ProcessorsMetrics metrics;

    /** Outcomes signed by {@code component} ({@code processors@<host>}) on {@code host}. */
    public Outcomes(String component, String host, Clock clock, ProcessorsMetrics metrics) {
        this.component = component;
        this.host = host;
        this.clock = clock;
        this.metrics = metrics;
    }

    /** The host these outcomes are signed with: the host whose tree the processors act on. */
    public String host() {
        return host;
    }

    /** A log now in the log directory at {@code target}. */
    public Outcome moved(String path, String target, long bytes, String detail, int attempt) {
        return of(path, Stage.LOG_MOVE, Result.MOVED, detail, target, bytes, null, attempt);
    }

    /** A candidate deleted whole: {@code entries} entries, {@code bytes} bytes of regular files. */
    public Outcome purged(String path, String detail, long bytes, long entries) {
        return of(path, Stage.TEMP_PURGE, Result.PURGED, detail, null, bytes, entries, null);
    }

    /** A candidate left in place (still active). */
    public Outcome kept(String path, String detail) {
        return of(path, Stage.TEMP_PURGE, Result.KEPT, detail, null, null, null, null);
    }

    /** A candidate deleted only in part: what went. */
    public Outcome keptInPart(String path, String detail, long bytes, long entries) {
        return of(path, Stage.TEMP_PURGE, Result.KEPT, detail, null, bytes, entries, null);
    }

    /** A pointing read and published; {@code detail} is its kind. */
    public Outcome extracted(String path, String kind, Long bytes, int attempt) {
        return of(path, Stage.POINTING, Result.EXTRACTED, kind, null, bytes, null, attempt);
    }

    /** A backfill's request for a file extracted before and unchanged since. */
    public Outcome unchanged(String path, String detail) {
        return of(path, Stage.POINTING, Result.UNCHANGED, detail, null, null, null, null);
    }

    /** Gone before the stage could act: an outcome, not an error. {@code attempt} may be null. */
    public Outcome vanished(Stage stage, String path, String detail, Integer attempt) {
        return of(path, stage, Result.VANISHED, detail, null, null, null, attempt);
    }

    /** Failed for a reason that may pass; tried again. */
    public Outcome retrying(Stage stage, String path, String detail, int attempt) {
        return of(path, stage, Result.RETRYING, detail, null, null, null, attempt);
    }

    /** Failed for good; {@code attempt} may be null. */
    public Outcome failed(Stage stage, String path, String reason, Integer attempt) {
        return of(path, stage, Result.FAILED, reason, null, null, null, attempt);
    }

    /** Refused: not this stage's to act on, whatever the request said. {@code attempt} may be null. */
    public Outcome rejected(Stage stage, String path, String reason, Integer attempt) {
        return of(path, stage, Result.REJECTED, reason, null, null, null, attempt);
    }

    private Outcome of(
            String path,
            Stage stage,
            Result result,
            String detail,
            String target,
            Long bytes,
            Long entries,
            Integer attempt) {
        metrics.outcome(stage, result, bytes);
        return new Outcome(
                Outcome.SCHEMA,
                path,
                stage,
                result,
                detail,
                target,
                bytes,
                entries,
                attempt,
                component,
                host,
                clock.instant());
    }
}
