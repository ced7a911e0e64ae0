package org.dsa110.contimg.sink.write;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.CommitFailedException;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RebalanceInProgressException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.dsa110.contimg.contract.CalibratorTransit;
import org.dsa110.contimg.contract.OneLine;
import org.dsa110.contimg.contract.PointingObservation;
import org.dsa110.contimg.contract.config.KafkaSettings;
import org.dsa110.contimg.contract.config.Membership;
import org.dsa110.contimg.contract.service.DaemonThreads;
import org.dsa110.contimg.contract.service.Failure;
import org.dsa110.contimg.contract.service.Service;
import org.dsa110.contimg.contract.topics.ConsumerGroups;
import org.dsa110.contimg.contract.topics.DeadLetters;
import org.dsa110.contimg.contract.topics.Topics;
import org.dsa110.contimg.sink.store.PointingStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads {@code contimg.pointing} ({@code read_committed}; in the pipeline, consumer group {@code contimg-sink},
 * {@link ConsumerGroups#SINK}) into the {@link PointingStore}: in batches of up to {@link #MAX_BATCH} rows or {@link #MAX_WAIT}, one database
 * transaction per batch, and the batch's Kafka offsets committed only after the database commit. A crash between
 * the two replays the batch, which the upserts make harmless; no record is ever skipped.
 *
 * <p>The sink owns its {@link PointingStore} and opens it on its own thread, so a database that cannot be opened
 * (a missing mount, a read-only directory) is not fatal: it is reported and tried again, like one that cannot be
 * written (locked by another writer, a full disk). Either way the batch in hand is retried with growing pauses
 * while the partitions are paused: the consumer keeps polling, so the group does not evict it, but reads nothing
 * new until the batch is written. Meanwhile {@link #lastError()} says why.
 */
public final class PointingSink implements Service {

    public static final int MAX_BATCH = 1000;
    public static final Duration MAX_WAIT = Duration.ofMillis(200);
    private static final Logger log = LoggerFactory.getLogger(PointingSink.class);
    private static final Duration FIRST_RETRY = Duration.ofMillis(500);
    private static final Duration LONGEST_RETRY = Duration.ofSeconds(30);
    /** Bounds a synchronous commit, so a stop with the broker gone still ends within systemd's 30 s. */
    private static final Duration COMMIT_TIMEOUT = Duration.ofSeconds(5);
    /** The client id of every sink's consumer, whatever its group: the pipeline's sink's group id. */
    private static final String CLIENT_ID = ConsumerGroups.SINK.id();

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final Deserializer<PointingObservation> observations =
            Topics.POINTING.valueSerde().deserializer();
    private final DeadLetters deadLetters;
    private final Deserializer<CalibratorTransit> transitReader =
            Topics.CALIBRATOR_TRANSITS.valueSerde().deserializer();
    private final Deserializer<String> transitKeys =
            Topics.CALIBRATOR_TRANSITS.keySerde().deserializer();
    private final AtomicLong transitsWritten = new AtomicLong();
    private final Path database;
    private final Clock clock;
    private final String groupId;
    /** Opened on the sink's thread and used only there. */
    private PointingStore store;

    private final Thread thread;
    private final AtomicLong rowsWritten = new AtomicLong();
    private final AtomicReference<String> lastError = new AtomicReference<>();
    private final AtomicLong conflicts = new AtomicLong();
    private final AtomicReference<PointingStore.Conflict> lastConflict = new AtomicReference<>();
    private volatile boolean running = true;
    private final Failure failure = new Failure("pointing sink");
    /** A fault the loop throws at its next turn: how a test makes the loop fail as a bug would. */
    private volatile RuntimeException injectedFault;
    /** Set while a batch waits for the database; read by the rebalance listener on the same thread. */
    private boolean retrying;
    /** The next offset of each partition whose rows are in the database; touched only by the sink's thread. */
    private final Map<TopicPartition, OffsetAndMetadata> written = new HashMap<>();

    /** A dynamic member of {@code groupId}: replays, rebuilds and tests. */
    public PointingSink(KafkaSettings kafka, Path database, Clock clock, String groupId) {
        this(kafka, database, clock, groupId, null);
    }

    /** @param membership static membership in {@code groupId} (the pipeline's sink), or {@code null} */
    public PointingSink(KafkaSettings kafka, Path database, Clock clock, String groupId, Membership membership) {
        Map<String, Object> config = new HashMap<>(kafka.consumer(groupId, CLIENT_ID));
        if (membership != null) {
            membership.applyTo(config, groupId);
        }
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, MAX_BATCH);
        // Raw bytes, decoded record by record: a record that cannot be read goes to the dead letters, and the
        // records behind it are still written (a typed consumer would throw at it on every poll, for ever).
        this.consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        this.deadLetters = new DeadLetters(kafka.producer("contimg-sink-dlq"));
        this.database = database;
        this.clock = clock;
        this.groupId = groupId;
        this.thread = DaemonThreads.named(CLIENT_ID).newThread(this::run);
    }

    @Override
    public void start() {
        consumer.subscribe(ConsumerGroups.SINK.inputNames(), new ConsumerRebalanceListener() {
            @Override
            public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
                // Hands the new owner the exact place to start: whatever is written is committed now. A batch
                // still waiting for the database is not, and its rows are read again and upserted.
                var handed = new HashMap<TopicPartition, OffsetAndMetadata>();
                for (TopicPartition partition : partitions) {
                    OffsetAndMetadata offset = written.remove(partition);
                    if (offset != null) {
                        handed.put(partition, offset);
                    }
                }
                commitSync(handed);
            }

            @Override
            public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
                // A rebalance during a retry hands partitions back unpaused; keep reading nothing new until the
                // batch in hand is written.
                if (retrying) {
                    consumer.pause(partitions);
                }
            }
        });
        thread.start();
    }

    @Override
    public String name() {
        return "pointing sink";
    }

    @Override
    public String describe() {
        return "writing pointings into " + database;
    }

    @Override
    public String failure() {
        return failure.reason();
    }

    /** Makes the loop throw {@code fault} at its next turn, as an unexpected bug would; for tests. */
    public void injectFault(RuntimeException fault) {
        injectedFault = fault;
    }

    public long rowsWritten() {
        return rowsWritten.get();
    }

    /** Observations refused a row because another file holds their mid-time ({@link PointingStore}). */
    public long conflicts() {
        return conflicts.get();
    }

    /** The latest such refusal, or {@code null}. */
    public PointingStore.Conflict lastConflict() {
        return lastConflict.get();
    }

    /** Why the database could not be written, while it cannot; {@code null} when all is well. */
    public String lastError() {
        return lastError.get();
    }

    public Path database() {
        return database;
    }

    public String groupId() {
        return groupId;
    }

    private void run() {
        List<PointingObservation> batch = new ArrayList<>();
        // By key, in arrival order: the transit, or null where a tombstone retracted it (the last word wins).
        Map<String, CalibratorTransit> transits = new LinkedHashMap<>();
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        Instant batchStarted = null;
        Instant nextOpen = Instant.now();
        try {
            while (running) {
                RuntimeException fault = injectedFault;
                if (fault != null) {
                    throw fault;
                }
                if (store == null && !Instant.now().isBefore(nextOpen)) {
                    // Opened before any row arrives, so the API can read and the status can tell at once.
                    nextOpen = tryOpen() ? nextOpen : Instant.now().plus(FIRST_RETRY);
                }
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(MAX_WAIT)) {
                    if (record.topic().equals(Topics.CALIBRATOR_TRANSITS.name())) {
                        String key =
                                record.key() == null ? null : transitKeys.deserialize(record.topic(), record.key());
                        if (record.value() == null) {
                            if (key != null) {
                                transits.put(key, null); // the processors retracted it: the file no longer holds it
                            }
                        } else {
                            CalibratorTransit transit =
                                    decode(record, transitReader, t -> t.transitTime() != null, "a calibrator transit");
                            if (transit != null) {
                                transits.put(key == null ? transit.key() : key, transit);
                            }
                        }
                    } else {
                        PointingObservation observation =
                                decode(record, observations, o -> o.sourceFile() != null, "a pointing observation");
                        if (observation != null) { // null: a tombstone on the compacted topic, or a dead letter
                            batch.add(observation);
                        }
                    }
                    offsets.put(
                            new TopicPartition(record.topic(), record.partition()),
                            new OffsetAndMetadata(record.offset() + 1));
                    if (batchStarted == null) {
                        batchStarted = Instant.now();
                    }
                }
                boolean full = batch.size() + transits.size() >= MAX_BATCH;
                boolean due = batchStarted != null
                        && Duration.between(batchStarted, Instant.now()).compareTo(MAX_WAIT) >= 0;
                if (!offsets.isEmpty() && (full || due)) {
                    write(batch, transits);
                    commitAsync(offsets);
                    batch.clear();
                    transits.clear();
                    offsets.clear();
                    batchStarted = null;
                }
            }
            if (!offsets.isEmpty()) {
                write(batch, transits); // a clean stop writes what it holds
                markWritten(offsets);
            }
            commitSync(written); // and waits for its commit
        } catch (WakeupException e) {
            // close(): the batch in hand, if any, was not committed and will be read again
        } catch (RuntimeException | Error e) {
            // A bug or a broken consumer, not a database problem (those are retried above): the sink cannot go
            // on, and says so; the command exits non-zero and is restarted with the batch re-read.
            failure.fail("its loop stopped", e);
        } finally {
            consumer.close(CloseOptions.timeout(COMMIT_TIMEOUT));
            deadLetters.close();
            closeStore();
        }
    }

    /** Opens the database if it can; says why not otherwise. */
    private boolean tryOpen() {
        try {
            store = PointingStore.open(database, clock);
            if (lastError.getAndSet(null) != null) {
                log.info("The pointing database {} is open", database);
            }
            return true;
        } catch (SQLException | IOException e) {
            report("cannot open " + database + ": " + OneLine.of(e));
            return false;
        }
    }

    private void report(String reason) {
        if (lastError.getAndSet(reason) == null) {
            log.error("{}; retrying, no record is skipped", reason);
        }
    }

    private void closeStore() {
        if (store != null) {
            try {
                store.close();
            } catch (SQLException e) {
                log.warn("Closing {}: {}", database, OneLine.of(e));
            }
        }
    }

    /**
     * Commits the offsets of a batch already in the database, without waiting: the next batch is written meanwhile.
     * Commits complete in order; one that fails (a rebalance) loses nothing, because the rows are written and
     * whoever reads the partition next upserts them again.
     */
    private void commitAsync(Map<TopicPartition, OffsetAndMetadata> offsets) {
        markWritten(offsets);
        consumer.commitAsync(new HashMap<>(offsets), (committed, error) -> {
            if (error != null) {
                log.warn(
                        "Offsets not committed ({}); the rows are written and will be upserted again if read again",
                        OneLine.of(error));
            }
        });
    }

    /** Commits and waits: on a clean stop and before partitions move to another instance. */
    private void commitSync(Map<TopicPartition, OffsetAndMetadata> offsets) {
        if (offsets.isEmpty()) {
            return;
        }
        try {
            consumer.commitSync(offsets, COMMIT_TIMEOUT);
        } catch (TimeoutException e) {
            log.warn(
                    "Offsets not committed within {} s; the rows are written, and are read and upserted again "
                            + "after a restart",
                    COMMIT_TIMEOUT.toSeconds());
        } catch (CommitFailedException | RebalanceInProgressException e) {
            log.warn(
                    "Offsets not committed after a rebalance ({}); the rows are written, and the partitions' new "
                            + "owner reads them again",
                    e.getClass().getSimpleName());
        }
    }

    /**
     * Records the offsets as written. {@code contimg.pointing} is written in transactions: the position is past the
     * commit marker that follows the last record, so a caught-up group shows a lag of 0, not 1 per transaction.
     */
    private void markWritten(Map<TopicPartition, OffsetAndMetadata> offsets) {
        Set<TopicPartition> assigned = consumer.assignment();
        for (var entry : offsets.entrySet()) {
            if (assigned.contains(entry.getKey())) {
                long position = consumer.position(entry.getKey());
                if (position > entry.getValue().offset()) {
                    entry.setValue(new OffsetAndMetadata(position));
                }
            }
        }
        written.putAll(offsets);
    }

    /** Writes the batch, retrying while the database cannot take it; never gives up, never skips. */
    private void write(List<PointingObservation> batch, Map<String, CalibratorTransit> transitsByKey) {
        List<CalibratorTransit> transits = new ArrayList<>();
        List<String> retracted = new ArrayList<>();
        transitsByKey.forEach((key, transit) -> {
            if (transit == null) {
                retracted.add(key);
            } else {
                transits.add(transit);
            }
        });
        Duration pause = FIRST_RETRY;
        boolean paused = false;
        while (true) {
            try {
                if (store == null && !tryOpen()) {
                    throw new SQLException(lastError.get());
                }
                List<PointingStore.Conflict> refused = store.upsert(batch, transits, retracted);
                transitsWritten.addAndGet(transits.size());
                rowsWritten.addAndGet(batch.size() - refused.size());
                for (PointingStore.Conflict conflict : refused) {
                    conflicts.incrementAndGet();
                    lastConflict.set(conflict);
                    log.warn(
                            "No row for {}: {} holds its mid-time (MJD {}); the first file keeps the row",
                            conflict.refused(),
                            conflict.kept(),
                            conflict.timestamp());
                }
                if (lastError.getAndSet(null) != null) {
                    log.info("The pointing database takes writes again");
                }
                if (paused) {
                    retrying = false;
                    consumer.resume(consumer.paused());
                }
                return;
            } catch (SQLException e) {
                if (store != null) {
                    report("cannot write " + database + ": " + OneLine.of(e));
                }
                if (!running) {
                    throw new WakeupException();
                }
                if (!paused) {
                    retrying = true;
                    consumer.pause(consumer.assignment());
                    paused = true;
                }
                // Keeps the group membership alive. Paused partitions return nothing, but whatever a poll does
                // return (a partition assigned in this very poll, before the listener paused it) is read again
                // later: never dropped.
                rewind(consumer.poll(pause));
                pause = pause.multipliedBy(2).compareTo(LONGEST_RETRY) > 0 ? LONGEST_RETRY : pause.multipliedBy(2);
            }
        }
    }

    /**
     * The record's value, {@code null} for a tombstone, or, for a record that is not a valid one, {@code null} once the
     * record is safe in {@code contimg.dlq} (if it cannot be put there, the loop stops rather than go past it).
     */
    private <T> T decode(
            ConsumerRecord<byte[], byte[]> record, Deserializer<T> reader, Predicate<T> valid, String what) {
        if (record.value() == null) {
            return null;
        }
        try {
            T value = reader.deserialize(record.topic(), record.value());
            if (value == null || !valid.test(value)) {
                throw new SerializationException("not " + what);
            }
            return value;
        } catch (RuntimeException e) {
            deadLetters.send(record, e);
            return null;
        }
    }

    /** Calibrator transits written into {@code calibrator_transits}. */
    public long transitsWritten() {
        return transitsWritten.get();
    }

    /** Records of {@code contimg.pointing} that could not be read, sent to {@code contimg.dlq}. */
    public long deadLetters() {
        return deadLetters.sent();
    }

    /** Moves each partition back to the first of the records a poll returned, so they are fetched again. */
    private void rewind(ConsumerRecords<byte[], byte[]> records) {
        for (TopicPartition partition : records.partitions()) {
            List<ConsumerRecord<byte[], byte[]>> returned = records.records(partition);
            consumer.seek(partition, returned.get(0).offset());
            consumer.pause(List.of(partition));
        }
    }

    /** Writes and commits what it holds, then stops. */
    @Override
    public void close() {
        running = false;
        try {
            thread.join(Duration.ofSeconds(20).toMillis());
            if (thread.isAlive()) {
                consumer.wakeup();
                thread.join(Duration.ofSeconds(5).toMillis());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
