package org.dsa110.contimg.contract.topics;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.Serdes;
import org.dsa110.contimg.contract.CalibratorTransit;
import org.dsa110.contimg.contract.CampaignEvent;
import org.dsa110.contimg.contract.FileEvent;
import org.dsa110.contimg.contract.LogMoveRequest;
import org.dsa110.contimg.contract.Outcome;
import org.dsa110.contimg.contract.PointingObservation;
import org.dsa110.contimg.contract.PointingRequest;
import org.dsa110.contimg.contract.StatusSnapshot;
import org.dsa110.contimg.contract.TempPurgeRequest;
import org.dsa110.contimg.contract.json.JsonSerde;

/**
 * The topic registry: every topic of the pipeline with its serdes and retention, as docs/design.md's topic table
 * lays them out. Code that produces to or consumes from a topic takes its name and serdes from here.
 *
 * <p>The serdes also say what a readable record is, for every consumer at once: a key ({@link RecordKeys}), a value
 * within its size, tombstones only on compacted topics, enum values this reader knows, and the fields the topic's
 * consumers act on ({@link JsonSerde#forTopic}). A record that fails is dead-lettered by whoever reads it.
 */
public final class Topics {

    private static final String DELETE = TopicConfig.CLEANUP_POLICY_DELETE;
    private static final String COMPACT = TopicConfig.CLEANUP_POLICY_COMPACT;
    private static final Duration WEEK = Duration.ofDays(7);
    private static final Duration MONTH = Duration.ofDays(30);

    /** Every observed filesystem change, keyed by absolute path; its retention is the replay window. */
    public static final Topic<String, FileEvent> FS_EVENTS =
            delete("contimg.fs-events", FileEvent.class, Topics::eventDefect, WEEK);

    /** CASA logs to move into the log directory, keyed by absolute path. */
    public static final Topic<String, LogMoveRequest> LOG_MOVES =
            delete("contimg.log-moves", LogMoveRequest.class, r -> requestDefect(r.event()), WEEK);

    /** Temporary directories to purge once idle, keyed by absolute path. */
    public static final Topic<String, TempPurgeRequest> TEMP_PURGES =
            delete("contimg.temp-purges", TempPurgeRequest.class, r -> requestDefect(r.event()), WEEK);

    /** First-sub-band UVH5 files to read the pointing of, keyed by absolute path. */
    public static final Topic<String, PointingRequest> POINTING_REQUESTS =
            delete("contimg.pointing-requests", PointingRequest.class, r -> requestDefect(r.event()), WEEK);

    /** Pointing observations, keyed by source file: compacted and kept for ever, the database's source of truth. */
    public static final Topic<String, PointingObservation> POINTING = new Topic<>(
            "contimg.pointing",
            RecordKeys.SERDE,
            JsonSerde.forTopic(PointingObservation.class, true, o -> null),
            COMPACT,
            null,
            Map.of());

    /**
     * Calibrator transits seen by the files, one match per calibrator and file, keyed by {@code <calibrator>@<file>}:
     * compacted and kept for ever, the {@code calibrator_transits} table's source of truth.
     */
    public static final Topic<String, CalibratorTransit> CALIBRATOR_TRANSITS = new Topic<>(
            "contimg.calibrator-transits",
            RecordKeys.SERDE,
            JsonSerde.forTopic(CalibratorTransit.class, true, t -> t.transitTime() == null ? "no transit_time" : null),
            COMPACT,
            null,
            Map.of());

    /**
     * Declination campaigns as they begin, each with its best calibrator and that calibrator's next transits, keyed
     * by {@code <telescope>@<start>}: compacted and kept for ever, what the calibration pipeline schedules itself by.
     */
    public static final Topic<String, CampaignEvent> CAMPAIGNS = new Topic<>(
            "contimg.campaigns",
            RecordKeys.SERDE,
            JsonSerde.forTopic(
                    CampaignEvent.class,
                    true,
                    c -> c.telescope() == null ? "no telescope" : c.cause() == null ? "no cause" : null),
            COMPACT,
            null,
            Map.of());

    /** What every processor did with every request, keyed by absolute path: the audit trail. */
    public static final Topic<String, Outcome> OUTCOMES = delete(
            "contimg.outcomes",
            Outcome.class,
            o -> o.stage() == null ? "no stage" : o.result() == null ? "no result" : null,
            MONTH);

    /**
     * The latest snapshot of each component, keyed by component id. Hour-long segments let compaction run often
     * enough that a reader starting from the beginning reads little more than one snapshot per component.
     */
    public static final Topic<String, StatusSnapshot> STATUS = new Topic<>(
            "contimg.status",
            RecordKeys.SERDE,
            JsonSerde.forTopic(StatusSnapshot.class, true, snapshot -> null),
            COMPACT,
            null,
            Map.of(
                    TopicConfig.SEGMENT_MS_CONFIG,
                    Long.toString(Duration.ofHours(1).toMillis())));

    /** Records no processor could handle, as received, with Kafka's dead-letter-queue headers (KIP-1034). */
    public static final Topic<byte[], byte[]> DLQ =
            new Topic<>("contimg.dlq", Serdes.ByteArray(), Serdes.ByteArray(), DELETE, MONTH, Map.of());

    private static final List<Topic<?, ?>> ALL = List.of(
            FS_EVENTS,
            LOG_MOVES,
            TEMP_PURGES,
            POINTING_REQUESTS,
            POINTING,
            CALIBRATOR_TRANSITS,
            CAMPAIGNS,
            OUTCOMES,
            STATUS,
            DLQ);

    private Topics() {}

    /** Every topic of the contract, in pipeline order. */
    public static List<Topic<?, ?>> all() {
        return ALL;
    }

    /** A topic whose records are all values: no tombstones. */
    private static <V> Topic<String, V> delete(
            String name, Class<V> type, Function<? super V, String> defect, Duration retention) {
        return new Topic<>(
                name, RecordKeys.SERDE, JsonSerde.forTopic(type, false, defect), DELETE, retention, Map.of());
    }

    /** What a file event lacks that the processors act on: its kind (what happened) and its host (whose it is). */
    private static String eventDefect(FileEvent event) {
        return event.kind() == null ? "no kind" : event.host() == null ? "no host" : null;
    }

    private static String requestDefect(FileEvent event) {
        return event == null ? "no event" : eventDefect(event);
    }
}
