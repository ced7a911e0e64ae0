package org.dsa110.contimg.sink.write;

import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.dsa110.contimg.contract.topics.DeadLetters;
import org.dsa110.contimg.contract.topics.Topic;

/**
 * Reads the values of one topic's raw records with the serde the registry pairs with it ({@link Topic}), and puts
 * aside what is not a valid one: the sink's consumer reads bytes, so that a record that cannot be read goes to
 * {@code contimg.dlq} and the records behind it are still written (a typed consumer would throw at it on every poll,
 * for ever).
 *
 * @param <T> the topic's value type
 */
final class RecordDecoder<T> {

    private final Deserializer<T> reader;
    private final Predicate<T> valid;
    private final String what;
    private final DeadLetters deadLetters;

    /**
     * @param valid what a value needs besides parsing (its key fields present)
     * @param what  a value, as the dead letter's reason names it ("a pointing observation")
     */
    RecordDecoder(Topic<?, T> topic, Predicate<T> valid, String what, DeadLetters deadLetters) {
        this.reader = topic.valueSerde().deserializer();
        this.valid = valid;
        this.what = what;
        this.deadLetters = deadLetters;
    }

    /**
     * The record's value; {@code null} for a tombstone, or, for a record that is not a valid one, {@code null} once
     * the record is safe in {@code contimg.dlq} (if it cannot be put there, this throws and the loop stops rather
     * than go past it).
     */
    T value(ConsumerRecord<byte[], byte[]> record) {
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
}
