package org.dsa110.contimg.contract.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.dsa110.contimg.contract.config.KafkaSettings;
import org.dsa110.contimg.contract.topics.DeadLetters;
import org.dsa110.contimg.contract.topics.Topics;

/**
 * Finds the dead letter of one record on {@code contimg.dlq}, read from the beginning to the end it had when the
 * search began (and on, until the timeout, for a letter still being written): the record a consumer could not read,
 * kept as it was, with the headers that say why and where it came from.
 */
public final class DeadLetterReader {

    private DeadLetterReader() {}

    /**
     * The dead letter of the record at {@code topic-partition@offset}.
     *
     * @throws AssertionError when there is none within the timeout
     */
    public static ConsumerRecord<byte[], byte[]> letterOf(
            KafkaSettings kafka, String topic, int partition, long offset, Duration timeout) {
        return find(kafka, List.of(where(topic, Integer.toString(partition), Long.toString(offset))), timeout)
                .get(0);
    }

    /**
     * The dead letters of many records, in their order, found in one reading of {@code contimg.dlq}.
     *
     * @throws AssertionError when any has none within the timeout
     */
    public static List<ConsumerRecord<byte[], byte[]>> lettersOf(
            KafkaSettings kafka, List<RecordMetadata> records, Duration timeout) {
        return find(
                kafka,
                records.stream()
                        .map(r -> where(r.topic(), Integer.toString(r.partition()), Long.toString(r.offset())))
                        .toList(),
                timeout);
    }

    /**
     * Asserts that each hostile record sent was dead-lettered as it was, with why, by a consumer whose name starts
     * with {@code consumer}.
     */
    public static void assertAllKept(KafkaSettings kafka, HostileRecords.Sent sent, String consumer, Duration timeout) {
        assertAllKept(kafka, sent.at(), sent.records(), consumer, timeout);
    }

    /**
     * Asserts that each hostile record, sent where {@code sent} says, was dead-lettered as it was, with why, by a
     * consumer whose name starts with {@code consumer}.
     */
    public static void assertAllKept(
            KafkaSettings kafka,
            List<RecordMetadata> sent,
            List<HostileRecords.Hostile> records,
            String consumer,
            Duration timeout) {
        var letters = lettersOf(kafka, sent, timeout);
        for (int i = 0; i < letters.size(); i++) {
            assertKept(letters.get(i), records.get(i).key(), records.get(i).value());
            assertThat(header(letters.get(i), DeadLetters.HEADER_CONSUMER))
                    .as("the consumer that could not read %s", records.get(i))
                    .startsWith(consumer);
        }
    }

    private static List<ConsumerRecord<byte[], byte[]>> find(
            KafkaSettings kafka, List<String> wanted, Duration timeout) {
        Map<String, ConsumerRecord<byte[], byte[]>> found = new HashMap<>();
        try (var consumer = new KafkaConsumer<>(
                kafka.consumer(null, "test-dlq-reader"), new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            var partitions = consumer.partitionsFor(Topics.DLQ.name()).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long deadline = System.nanoTime() + timeout.toNanos();
            while (System.nanoTime() < deadline && !found.keySet().containsAll(wanted)) {
                for (ConsumerRecord<byte[], byte[]> letter : consumer.poll(Duration.ofMillis(500))) {
                    found.putIfAbsent(
                            where(
                                    header(letter, DeadLetters.HEADER_TOPIC),
                                    header(letter, DeadLetters.HEADER_PARTITION),
                                    header(letter, DeadLetters.HEADER_OFFSET)),
                            letter);
                }
            }
        }
        var letters = new ArrayList<ConsumerRecord<byte[], byte[]>>();
        for (String at : wanted) {
            if (!found.containsKey(at)) {
                throw new AssertionError("no dead letter for " + at + " within " + timeout);
            }
            letters.add(found.get(at));
        }
        return letters;
    }

    private static String where(String topic, String partition, String offset) {
        return topic + "-" + partition + "@" + offset;
    }

    /**
     * Asserts what every dead letter carries: the record's key and value as they were, and why it could not be read
     * (the exception's class and message, a stack trace).
     */
    public static void assertKept(ConsumerRecord<byte[], byte[]> letter, byte[] key, byte[] value) {
        assertThat(letter.key()).as("the dead letter's key").isEqualTo(key);
        assertThat(letter.value()).as("the dead letter's value").isEqualTo(value);
        assertThat(header(letter, DeadLetters.HEADER_EXCEPTION))
                .as("exception header")
                .isNotBlank();
        assertThat(header(letter, DeadLetters.HEADER_MESSAGE))
                .as("message header")
                .isNotBlank();
        assertThat(header(letter, DeadLetters.HEADER_STACKTRACE))
                .as("stack trace header")
                .contains("at ");
    }

    /** A header's text, or {@code null} where the record has none of that name. */
    public static String header(ConsumerRecord<byte[], byte[]> record, String name) {
        return Optional.ofNullable(record.headers().lastHeader(name))
                .map(h -> new String(h.value(), StandardCharsets.UTF_8))
                .orElse(null);
    }
}
