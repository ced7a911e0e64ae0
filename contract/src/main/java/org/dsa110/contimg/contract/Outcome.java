package org.dsa110.contimg.contract;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.Objects;

/**
 * What a processor did with one request: the value of {@code contimg.outcomes} (the 30-day audit trail), keyed by
 * {@link #path()}.
 *
 * @param schema    wire version of this record
 * @param path      absolute path the request was about
 * @param stage     which processor acted
 * @param result    what came of it
 * @param detail    one readable line: the reason of a failure, rejection or retry, or what was kept and why
 * @param target    where the file went ({@link Result#MOVED}), otherwise {@code null}
 * @param bytes     bytes moved or removed, when known
 * @param entries   directory entries removed ({@link Result#PURGED}) or left behind, when known
 * @param attempt   which try this was, for retried work (1 for the first)
 * @param component id of the processor instance that acted
 * @param host      host it ran on
 * @param at        when it acted
 */
public record Outcome(
        int schema,
        String path,
        Stage stage,
        Result result,
        String detail,
        String target,
        Long bytes,
        Long entries,
        Integer attempt,
        String component,
        String host,
        Instant at) {

    public static final int SCHEMA = 1;

    public Outcome {
        Objects.requireNonNull(path, "path");
    }

    /** The processor that produced the outcome. */
    public enum Stage {
        @JsonProperty("classify")
        CLASSIFY,
        @JsonProperty("log-move")
        LOG_MOVE,
        @JsonProperty("temp-purge")
        TEMP_PURGE,
        @JsonProperty("pointing")
        POINTING
    }

    /** What came of a request; the names are the ones operators see in the status and the audit trail. */
    public enum Result {
        /** A log file now lives in the log directory, at {@code target}. */
        @JsonProperty("moved")
        MOVED,
        /** The path was gone before the processor could act: an outcome, not an error. */
        @JsonProperty("vanished")
        VANISHED,
        /** A temporary directory was deleted whole. */
        @JsonProperty("purged")
        PURGED,
        /** A candidate was checked and left in place (still active, or only partly deletable). */
        @JsonProperty("kept")
        KEPT,
        /** A pointing was read and published to {@code contimg.pointing}. */
        @JsonProperty("extracted")
        EXTRACTED,
        /**
         * A backfill asked for a file already extracted and unchanged since (same size, modification time and
         * inode): nothing was read or published. Only backfill requests get this outcome; other requests for an
         * unchanged file get none.
         */
        @JsonProperty("unchanged")
        UNCHANGED,
        /** The work failed for a reason that may pass (a file still being written) and will be tried again. */
        @JsonProperty("retrying")
        RETRYING,
        /** The work failed for good; {@code detail} says why. */
        @JsonProperty("failed")
        FAILED,
        /** The request was refused: a path outside the configured roots, or a request that is not ours to act on. */
        @JsonProperty("rejected")
        REJECTED
    }
}
