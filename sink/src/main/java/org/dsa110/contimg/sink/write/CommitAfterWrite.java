package org.dsa110.contimg.sink.write;

import java.sql.SQLException;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.LongSupplier;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.CommitFailedException;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RebalanceInProgressException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.WakeupException;
import org.dsa110.contimg.contract.OneLine;
import org.dsa110.contimg.contract.service.DaemonThreads;
import org.dsa110.contimg.contract.service.Failure;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A consumer loop that commits a batch's offsets only after the batch is written: in batches of up to
 * {@link #MAX_BATCH} records or {@link #MAX_WAIT}, each written by its {@link Batch} (one database transaction), then
 * its offsets committed. A crash between the two replays the batch, which the writer must make harmless (upserts);
 * no record is ever skipped.
 *
 * <p>A batch that cannot be written (its {@link Batch#write()} throws {@link SQLException}: a locked or full
 * database, one that cannot be opened) is retried with growing pauses while the partitions are paused: the consumer
 * keeps polling, so the group does not evict it, but reads nothing new until the batch is written. Whatever a poll
 * returns meanwhile is rewound and read again later. On a rebalance, what is written is committed before the
 * partitions go; a batch still waiting is not, and its records are read again by the new owner. Anything else thrown
 * (a bug, a broken consumer) is the loop's {@link Failure}: it stops and says why.
 *
 * <p>One thread of its own, on which the consumer and the batch are used. Waits are measured on a monotonic clock.
 */
final class CommitAfterWrite {

    static final int MAX_BATCH = 1000;
    static final Duration MAX_WAIT = Duration.ofMillis(200);
    private static final Logger log = LoggerFactory.getLogger(CommitAfterWrite.class);
    private static final Duration FIRST_RETRY = Duration.ofMillis(500);
    private static final Duration LONGEST_RETRY = Duration.ofSeconds(30);
    /** Bounds a synchronous commit, so a stop with the broker gone still ends within systemd's 30 s. */
    private static final Duration COMMIT_TIMEOUT = Duration.ofSeconds(5);

    /** What the loop fills from the records it reads and writes before committing them. Used on the loop's thread. */
    interface Batch {
        /** Called at every turn of the loop, before its poll (to open a database before any record arrives). */
        void beforePoll();

        /** Takes one record into the batch (or, if it cannot be read, puts it safely aside). */
        void add(ConsumerRecord<byte[], byte[]> record);

        /** Entries held, toward {@link #MAX_BATCH}. */
        int size();

        /** Writes what is held, all or nothing; a {@link SQLException} is retried, never skipped. */
        void write() throws SQLException;

        void clear();
    }

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final Collection<String> topics;
    private final Batch batch;
    private final Failure failure;
    private final LongSupplier nanoTime;
    private final Thread thread;
    private volatile boolean running = true;
    /** A fault the loop throws at its next turn: how a test makes the loop fail as a bug would. */
    private volatile RuntimeException injectedFault;
    /** Set while a batch waits to be written; read by the rebalance listener on the same thread. */
    private boolean retrying;
    /** The next offset of each partition whose records are written; touched only by the loop's thread. */
    private final Map<TopicPartition, OffsetAndMetadata> written = new HashMap<>();

    /**
     * @param consumer its {@code max.poll.records} at most {@link #MAX_BATCH}; closed by the loop when it ends
     * @param onEnd    run on the loop's thread once the consumer is closed (closing what the batch writes into)
     */
    CommitAfterWrite(
            KafkaConsumer<byte[], byte[]> consumer,
            Collection<String> topics,
            Batch batch,
            Failure failure,
            LongSupplier nanoTime,
            String threadName,
            Runnable onEnd) {
        this.consumer = consumer;
        this.topics = List.copyOf(topics);
        this.batch = batch;
        this.failure = failure;
        this.nanoTime = nanoTime;
        this.thread = DaemonThreads.named(threadName).newThread(() -> {
            try {
                run();
            } finally {
                onEnd.run();
            }
        });
    }

    void start() {
        consumer.subscribe(topics, new ConsumerRebalanceListener() {
            @Override
            public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
                // Hands the new owner the exact place to start: whatever is written is committed now. A batch
                // still waiting to be written is not, and its records are read again and upserted.
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

    /** Makes the loop throw {@code fault} at its next turn, as an unexpected bug would; for tests. */
    void injectFault(RuntimeException fault) {
        injectedFault = fault;
    }

    private void run() {
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        long batchStarted = 0;
        try {
            while (running) {
                RuntimeException fault = injectedFault;
                if (fault != null) {
                    throw fault;
                }
                batch.beforePoll();
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(MAX_WAIT)) {
                    batch.add(record);
                    if (offsets.isEmpty()) {
                        batchStarted = nanoTime.getAsLong();
                    }
                    offsets.put(
                            new TopicPartition(record.topic(), record.partition()),
                            new OffsetAndMetadata(record.offset() + 1));
                }
                boolean full = batch.size() >= MAX_BATCH;
                boolean due = !offsets.isEmpty() && nanoTime.getAsLong() - batchStarted >= MAX_WAIT.toNanos();
                if (!offsets.isEmpty() && (full || due)) {
                    writeRetrying();
                    commitAsync(offsets);
                    batch.clear();
                    offsets.clear();
                }
            }
            if (!offsets.isEmpty()) {
                writeRetrying(); // a clean stop writes what it holds
                markWritten(offsets);
            }
            commitSync(written); // and waits for its commit
        } catch (WakeupException e) {
            // close(): the batch in hand, if any, was not committed and will be read again
        } catch (RuntimeException | Error e) {
            // A bug or a broken consumer, not a database problem (those are retried): the loop cannot go on, and
            // says so; the command exits non-zero and is restarted with the batch re-read.
            failure.fail("its loop stopped", e);
        } finally {
            consumer.close(CloseOptions.timeout(COMMIT_TIMEOUT));
        }
    }

    /** Writes the batch, retrying while it cannot be written; never gives up, never skips. */
    private void writeRetrying() {
        Duration pause = FIRST_RETRY;
        boolean paused = false;
        while (true) {
            try {
                batch.write();
                if (paused) {
                    retrying = false;
                    consumer.resume(consumer.paused());
                }
                return;
            } catch (SQLException e) {
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
     * Commits the offsets of a batch already written, without waiting: the next batch is written meanwhile. Commits
     * complete in order; one that fails (a rebalance) loses nothing, because the records are written and whoever
     * reads the partition next upserts them again.
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
     * Records the offsets as written. A topic written in transactions has a commit marker after its last record:
     * the position is past it, so a caught-up group shows a lag of 0, not 1 per transaction.
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

    /** Moves each partition back to the first of the records a poll returned, so they are fetched again. */
    private void rewind(ConsumerRecords<byte[], byte[]> records) {
        for (TopicPartition partition : records.partitions()) {
            List<ConsumerRecord<byte[], byte[]>> returned = records.records(partition);
            consumer.seek(partition, returned.get(0).offset());
            consumer.pause(List.of(partition));
        }
    }

    /** Writes and commits what it holds, then stops (waking the consumer if that takes over 20 s). */
    void close() {
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
