package org.dsa110.contimg.contract.topics;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.dsa110.contimg.contract.OneLine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes records a plain consumer cannot read to {@code contimg.dlq}, as they were (key, value, headers), with the
 * dead-letter headers Kafka Streams writes for the processors' poison records, so one reader reads both: the
 * exception's class, message and stack trace, and the record's topic, partition and offset. The consumer then
 * goes on past the record: it is kept, counted, and nothing behind it waits.
 */
public final class DeadLetters implements AutoCloseable {

    // The names Kafka Streams' dead-letter queue writes (KIP-1034).
    public static final String HEADER_EXCEPTION = "__streams.errors.exception";
    public static final String HEADER_MESSAGE = "__streams.errors.message";
    public static final String HEADER_STACKTRACE = "__streams.errors.stacktrace";
    public static final String HEADER_TOPIC = "__streams.errors.topic";
    public static final String HEADER_PARTITION = "__streams.errors.partition";
    public static final String HEADER_OFFSET = "__streams.errors.offset";
    /**
     * Ours: the consumer that could not read the record (a consumer group, a Streams application id, a reader's
     * name). Several consumers read each topic (every host's processors, every monitor), and each that cannot read a
     * record dead-letters it: one letter per consumer, told apart by this.
     */
    public static final String HEADER_CONSUMER = "contimg.errors.consumer";

    private static final Logger log = LoggerFactory.getLogger(DeadLetters.class);
    private static final Duration SEND_TIMEOUT = Duration.ofSeconds(30);

    private final KafkaProducer<byte[], byte[]> producer;
    private final String consumer;
    private final AtomicLong sent = new AtomicLong();

    /** @param consumer the consumer whose unreadable records these are ({@link #HEADER_CONSUMER}) */
    public DeadLetters(String consumer, Map<String, Object> producerConfig) {
        this.consumer = consumer;
        this.producer = new KafkaProducer<>(producerConfig, new ByteArraySerializer(), new ByteArraySerializer());
    }

    /**
     * Sends the record with why it could not be read, and waits for the broker's acknowledgement: the caller commits
     * past the record only once it is safe on the dead-letter topic.
     *
     * @throws IllegalStateException when the dead-letter topic cannot be written (the caller must not go past)
     */
    public void send(ConsumerRecord<byte[], byte[]> record, Exception reason) {
        Headers headers = new RecordHeaders(record.headers().toArray());
        headers.add(HEADER_EXCEPTION, bytes(reason.getClass().getName()));
        headers.add(HEADER_MESSAGE, bytes(String.valueOf(reason.getMessage())));
        headers.add(HEADER_STACKTRACE, bytes(stackTrace(reason)));
        headers.add(HEADER_TOPIC, bytes(record.topic()));
        headers.add(HEADER_PARTITION, bytes(Integer.toString(record.partition())));
        headers.add(HEADER_OFFSET, bytes(Long.toString(record.offset())));
        headers.add(HEADER_CONSUMER, bytes(consumer));
        try {
            producer.send(new ProducerRecord<>(Topics.DLQ.name(), null, record.key(), record.value(), headers))
                    .get(SEND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while writing to " + Topics.DLQ.name(), e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot write to " + Topics.DLQ.name() + ": " + OneLine.of(e), e);
        }
        sent.incrementAndGet();
        log.warn(
                "Unreadable record at {}-{} offset {} sent to {}: {}",
                record.topic(),
                record.partition(),
                record.offset(),
                Topics.DLQ.name(),
                OneLine.of(reason));
    }

    /** Records sent since start. */
    public long sent() {
        return sent.get();
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String stackTrace(Exception e) {
        var out = new StringWriter();
        e.printStackTrace(new PrintWriter(out));
        return out.toString();
    }
}
