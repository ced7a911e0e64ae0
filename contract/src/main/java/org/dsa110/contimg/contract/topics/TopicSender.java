package org.dsa110.contimg.contract.topics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.dsa110.contimg.contract.StatusSnapshot;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Kafka producer for a service that writes several topics (its events and its status snapshots): each
 * record is serialized with the serdes the registry pairs with its topic, so one connection, one buffer and one
 * idempotent sequence serve them all.
 */
public final class TopicSender implements AutoCloseable, MeterBinder {

    private static final Logger log = LoggerFactory.getLogger(TopicSender.class);

    private final KafkaProducer<byte[], byte[]> producer;
    private volatile KafkaClientMetrics clientMetrics;

    public TopicSender(Map<String, Object> producerConfig) {
        this.producer = new KafkaProducer<>(producerConfig, new ByteArraySerializer(), new ByteArraySerializer());
    }

    /**
     * Sends asynchronously; blocks only while the producer's buffer is full (back-pressure, up to
     * {@code max.block.ms}). The callback hears of delivery or failure.
     */
    public <K, V> Future<RecordMetadata> send(Topic<K, V> topic, K key, V value, Callback callback) {
        byte[] keyBytes = topic.keySerde().serializer().serialize(topic.name(), key);
        byte[] valueBytes = topic.valueSerde().serializer().serialize(topic.name(), value);
        return producer.send(new ProducerRecord<>(topic.name(), keyBytes, valueBytes), callback);
    }

    /**
     * Publishes a component's snapshot to {@code contimg.status}. A status that cannot be sent is logged, never
     * thrown: a component does not stop working because its report could not go out.
     */
    public void publishStatus(StatusSnapshot snapshot) {
        try {
            send(Topics.STATUS, snapshot.component(), snapshot, (metadata, error) -> {
                if (error != null) {
                    log.warn("Could not publish the status of {}: {}", snapshot.component(), error.toString());
                }
            });
        } catch (RuntimeException e) {
            log.warn("Could not publish the status of {}: {}", snapshot.component(), e.toString());
        }
    }

    /**
     * Publishes a stopping component's last snapshot, waiting at most {@code within} (see {@link #handOff}).
     */
    public void publishLastStatus(StatusSnapshot snapshot, Duration within) {
        handOff(() -> publishStatus(snapshot), within, "the last status of " + snapshot.component());
    }

    /**
     * Runs sending work of a stopping component, waiting at most {@code within}: with the broker gone a send can
     * block for {@code max.block.ms} (a minute) on metadata, longer than a service may take to stop. A send still
     * blocked then is ended by {@link #close(Duration)}.
     *
     * @return whether the work finished in time
     */
    public boolean handOff(Runnable work, Duration within, String what) {
        try {
            CompletableFuture.runAsync(work).get(within.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException e) {
            log.warn("Kafka did not take {} within {} s: the broker is unreachable", what, within.toSeconds());
        } catch (ExecutionException e) {
            log.warn("Handing {} to Kafka failed: {}", what, e.getCause().toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return false;
    }

    /**
     * Learns the partitions of {@code topics} now, while the broker is reachable. A producer that has never sent to
     * a topic must ask the broker for its partitions first, and with the broker down that ask blocks the sending
     * thread for {@code max.block.ms} and then fails the record; one that knows them buffers through an outage.
     *
     * @return {@code false} (and a warning logged) if the broker did not answer within {@code max.block.ms}
     */
    public boolean learnPartitions(Topic<?, ?>... topics) {
        for (Topic<?, ?> topic : topics) {
            try {
                producer.partitionsFor(topic.name());
            } catch (KafkaException e) {
                log.warn(
                        "Could not learn the partitions of {} ({}); records wait for the broker",
                        topic.name(),
                        e.toString());
                return false;
            }
        }
        return true;
    }

    /**
     * Adds the Kafka producer's own metrics ({@code kafka_producer_*}: records sent, errors, batch sizes, buffer
     * use, request latency), read from the client by Micrometer's binder until {@link #close}.
     */
    @Override
    public void bindTo(MeterRegistry registry) {
        var binder = new KafkaClientMetrics(producer);
        binder.bindTo(registry);
        clientMetrics = binder;
    }

    /** Blocks until everything sent so far is delivered or has failed. */
    public void flush() {
        producer.flush();
    }

    public void close(Duration timeout) {
        closeMetrics();
        producer.close(timeout);
    }

    @Override
    public void close() {
        closeMetrics();
        producer.close();
    }

    private void closeMetrics() {
        KafkaClientMetrics binder = clientMetrics;
        if (binder != null) {
            binder.close();
        }
    }
}
