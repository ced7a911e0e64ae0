package org.dsa110.contimg.sink.write;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.Deserializer;
import org.dsa110.contimg.contract.topics.DeadLetters;
import org.dsa110.contimg.contract.topics.Topic;

/**
 * Reads one topic's raw records with the serdes the registry pairs with it ({@link Topic}), which say what a
 * readable record is (a key, a value within its size, the fields the sink needs), and puts aside what is not: the
 * sink's consumer reads bytes, so that a record that cannot be read goes to {@code contimg.dlq} and the records
 * behind it are still written (a typed consumer would throw at it on every poll, for ever).
 *
 * @param <K> the topic's key type
 * @param <V> the topic's value type
 */
final class RecordDecoder<K, V> {

    /** A record read: its key, and its value or {@code null} for a tombstone. */
    record Decoded<K, V>(K key, V value) {}

    private final Deserializer<K> keys;
    private final Deserializer<V> values;
    private final DeadLetters deadLetters;

    RecordDecoder(Topic<K, V> topic, DeadLetters deadLetters) {
        this.keys = topic.keySerde().deserializer();
        this.values = topic.valueSerde().deserializer();
        this.deadLetters = deadLetters;
    }

    /**
     * The record read, or {@code null} for one that is not a readable one, once it is safe in {@code contimg.dlq}
     * (if it cannot be put there, this throws and the loop stops rather than go past it).
     */
    Decoded<K, V> decode(ConsumerRecord<byte[], byte[]> record) {
        try {
            return new Decoded<>(
                    keys.deserialize(record.topic(), record.key()), values.deserialize(record.topic(), record.value()));
        } catch (RuntimeException e) {
            deadLetters.send(record, e);
            return null;
        }
    }
}
