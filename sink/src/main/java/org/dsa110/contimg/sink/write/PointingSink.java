package org.dsa110.contimg.sink.write;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.dsa110.contimg.contract.config.KafkaSettings;
import org.dsa110.contimg.contract.config.Membership;
import org.dsa110.contimg.contract.service.Failure;
import org.dsa110.contimg.contract.service.Service;
import org.dsa110.contimg.contract.topics.ConsumerGroups;
import org.dsa110.contimg.contract.topics.DeadLetters;
import org.dsa110.contimg.sink.store.PointingStore;

/**
 * Reads {@code contimg.pointing} and {@code contimg.calibrator-transits} ({@code read_committed}; in the pipeline,
 * consumer group {@code contimg-sink}, {@link ConsumerGroups#SINK}) into the {@link PointingStore}'s
 * {@code pointing_history} and {@code calibrator_transits}: in batches of up to {@link #MAX_BATCH} records or
 * {@link #MAX_WAIT}, one database transaction per batch, and the batch's Kafka offsets committed only after the
 * database commit ({@link CommitAfterWrite}). A crash between the two replays the batch, which the upserts make
 * harmless; no record is ever skipped. Writes {@code contimg.dlq}: records that cannot be read.
 *
 * <p>A database that cannot be opened or written is reported ({@link SinkCounters#lastError()}) and tried again with
 * growing pauses, reading nothing new meanwhile ({@link PointingWriter}).
 */
public final class PointingSink implements Service {

    public static final int MAX_BATCH = CommitAfterWrite.MAX_BATCH;
    public static final Duration MAX_WAIT = CommitAfterWrite.MAX_WAIT;
    /** The client id of every sink's consumer, whatever its group: the pipeline's sink's group id. */
    private static final String CLIENT_ID = ConsumerGroups.SINK.id();

    private final Path database;
    private final String groupId;
    private final Failure failure = new Failure("pointing sink");
    private final PointingWriter writer;
    private final CommitAfterWrite loop;

    /** A dynamic member of {@code groupId}: replays, rebuilds and tests. */
    public PointingSink(KafkaSettings kafka, Path database, Clock clock, String groupId) {
        this(kafka, database, clock, groupId, null);
    }

    /**
     * @param clock      stamps the rows written
     * @param membership static membership in {@code groupId} (the pipeline's sink), or {@code null}
     */
    public PointingSink(KafkaSettings kafka, Path database, Clock clock, String groupId, Membership membership) {
        Map<String, Object> config = new HashMap<>(kafka.consumer(groupId, CLIENT_ID));
        if (membership != null) {
            membership.applyTo(config, groupId);
        }
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, MAX_BATCH);
        // Raw bytes, decoded record by record (RecordDecoder): a record that cannot be read is put aside.
        var consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        var deadLetters = new DeadLetters(groupId, kafka.producer("contimg-sink-dlq"));
        this.database = database;
        this.groupId = groupId;
        this.writer = new PointingWriter(database, clock, System::nanoTime, deadLetters);
        this.loop = new CommitAfterWrite(
                consumer, ConsumerGroups.SINK.inputNames(), writer, failure, System::nanoTime, CLIENT_ID, () -> {
                    deadLetters.close();
                    writer.close();
                });
    }

    @Override
    public void start() {
        loop.start();
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
        loop.injectFault(fault);
    }

    /** What the sink has written so far, and why it cannot write if it cannot. */
    public SinkCounters counters() {
        return writer.counters();
    }

    public Path database() {
        return database;
    }

    public String groupId() {
        return groupId;
    }

    /** Writes and commits what it holds, then stops. */
    @Override
    public void close() {
        loop.close();
    }
}
