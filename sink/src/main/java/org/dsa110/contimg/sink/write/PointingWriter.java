package org.dsa110.contimg.sink.write;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.dsa110.contimg.contract.CalibratorTransit;
import org.dsa110.contimg.contract.OneLine;
import org.dsa110.contimg.contract.PointingObservation;
import org.dsa110.contimg.contract.topics.DeadLetters;
import org.dsa110.contimg.contract.topics.Topics;
import org.dsa110.contimg.sink.store.PointingStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sink's batch ({@link CommitAfterWrite.Batch}): pointing observations from {@code contimg.pointing} and
 * calibrator transits (and their retractions, tombstones) from {@code contimg.calibrator-transits}, written into
 * {@code pointing_history} and {@code calibrator_transits} of the {@link PointingStore} in one transaction. Each
 * topic has its decoder (a map from topic to what its records become); what cannot be read goes to
 * {@code contimg.dlq}.
 *
 * <p>It owns its store and opens it on the loop's thread, so a database that cannot be opened (a missing mount, a
 * read-only directory) is not fatal: it is reported ({@link SinkCounters#lastError()}) and tried again, like one that
 * cannot be written (locked by another writer, a full disk).
 */
final class PointingWriter implements CommitAfterWrite.Batch {

    private static final Logger log = LoggerFactory.getLogger(PointingWriter.class);
    private static final String CANNOT_OPEN = "cannot open ";
    private static final Duration REOPEN_AFTER = Duration.ofMillis(500);

    private final Path database;
    private final Clock clock;
    private final LongSupplier nanoTime;
    private final DeadLetters deadLetters;
    private final Map<String, Consumer<ConsumerRecord<byte[], byte[]>>> decoders;
    private final RecordDecoder<String, PointingObservation> observations;
    private final RecordDecoder<String, CalibratorTransit> transitRecords;
    private final List<PointingObservation> batch = new ArrayList<>();
    /** By key, in arrival order: the transit, or null where a tombstone retracted it (the last word wins). */
    private final Map<String, CalibratorTransit> transits = new LinkedHashMap<>();

    private PointingStore store;
    private long nextOpenNanos;
    private volatile SinkCounters counters;

    /**
     * @param clock    stamps the rows ({@code inserted_at})
     * @param nanoTime measures the wait before the database is tried again
     */
    PointingWriter(Path database, Clock clock, LongSupplier nanoTime, DeadLetters deadLetters) {
        this.database = database;
        this.clock = clock;
        this.nanoTime = nanoTime;
        this.deadLetters = deadLetters;
        this.observations = new RecordDecoder<>(Topics.POINTING, deadLetters);
        this.transitRecords = new RecordDecoder<>(Topics.CALIBRATOR_TRANSITS, deadLetters);
        this.decoders = Map.of(
                Topics.POINTING.name(), this::addObservation,
                Topics.CALIBRATOR_TRANSITS.name(), this::addTransit);
        this.nextOpenNanos = nanoTime.getAsLong();
        this.counters = new SinkCounters(0, 0, 0, 0, null, null);
    }

    @Override
    public void beforePoll() {
        // Opened before any row arrives, so the API can read and the status can tell at once.
        if (store == null && nanoTime.getAsLong() - nextOpenNanos >= 0 && !tryOpen()) {
            nextOpenNanos = nanoTime.getAsLong() + REOPEN_AFTER.toNanos();
        }
    }

    @Override
    public void add(ConsumerRecord<byte[], byte[]> record) {
        Consumer<ConsumerRecord<byte[], byte[]>> decoder = decoders.get(record.topic());
        if (decoder == null) {
            throw new IllegalStateException("the sink has no decoder for " + record.topic());
        }
        decoder.accept(record);
    }

    private void addObservation(ConsumerRecord<byte[], byte[]> record) {
        var read = observations.decode(record);
        if (read != null && read.value() != null) { // null: a dead letter; a null value: a tombstone
            batch.add(read.value());
        }
    }

    private void addTransit(ConsumerRecord<byte[], byte[]> record) {
        var read = transitRecords.decode(record);
        if (read != null) { // null: a dead letter
            // A null value: the processors retracted it, the file no longer holds it.
            transits.put(read.key(), read.value());
        }
    }

    @Override
    public int size() {
        return batch.size() + transits.size();
    }

    @Override
    public void write() throws SQLException {
        if (store == null && !tryOpen()) {
            throw new SQLException(counters.lastError());
        }
        List<PointingStore.Conflict> refused;
        try {
            refused = store.upsert(batch, transits);
        } catch (SQLException e) {
            report("cannot write " + database + ": " + OneLine.of(e));
            // The next try opens the database afresh: after SQLITE_FULL a connection stays unable to write even
            // once space is freed (PointingSinkTest's full disk), so it is not reused.
            close();
            store = null;
            throw e;
        }
        for (PointingStore.Conflict conflict : refused) {
            log.warn(
                    "No row for {}: {} holds its mid-time (MJD {}); the first file keeps the row",
                    conflict.refused(),
                    conflict.kept(),
                    conflict.timestamp());
        }
        SinkCounters before = counters;
        counters = new SinkCounters(
                before.rowsWritten() + batch.size() - refused.size(),
                before.transitsWritten()
                        + transits.values().stream().filter(t -> t != null).count(),
                before.deadLetters(),
                before.conflicts() + refused.size(),
                refused.isEmpty() ? before.lastConflict() : refused.get(refused.size() - 1),
                null);
        if (before.lastError() != null) {
            log.info("The pointing database takes writes again");
        }
    }

    @Override
    public void clear() {
        batch.clear();
        transits.clear();
    }

    /** What has been written so far, and why the database cannot be written if it cannot. */
    SinkCounters counters() {
        SinkCounters now = counters;
        return new SinkCounters(
                now.rowsWritten(),
                now.transitsWritten(),
                deadLetters.sent(),
                now.conflicts(),
                now.lastConflict(),
                now.lastError());
    }

    /** Opens the database if it can; says why not otherwise. */
    private boolean tryOpen() {
        try {
            store = PointingStore.open(database, clock);
            // Only an error of opening ends here; one of writing (a full disk) stays until a write succeeds.
            String before = counters.lastError();
            if (before != null && before.startsWith(CANNOT_OPEN)) {
                withError(null);
                log.info("The pointing database {} is open", database);
            }
            return true;
        } catch (SQLException | IOException e) {
            report(CANNOT_OPEN + database + ": " + OneLine.of(e));
            return false;
        }
    }

    private void report(String reason) {
        if (withError(reason) == null) {
            log.error("{}; retrying, no record is skipped", reason);
        }
    }

    /** Sets the error the counters show; returns the one before. */
    private String withError(String reason) {
        SinkCounters before = counters;
        counters = new SinkCounters(
                before.rowsWritten(),
                before.transitsWritten(),
                before.deadLetters(),
                before.conflicts(),
                before.lastConflict(),
                reason);
        return before.lastError();
    }

    /** Closes the store, on the loop's thread once it ends. */
    void close() {
        if (store != null) {
            try {
                store.close();
            } catch (SQLException e) {
                log.warn("Closing {}: {}", database, OneLine.of(e));
            }
        }
    }
}
