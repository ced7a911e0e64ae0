package org.dsa110.contimg.contract.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import java.io.IOException;
import java.util.Map;
import java.util.function.Function;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Serde for one contract record type in the {@link Json} dialect.
 *
 * <p>A value that is not valid JSON for the type fails with a {@link SerializationException} naming the topic and
 * the type. The consumer wraps it in a {@code RecordDeserializationException} that adds the partition and offset,
 * and Kafka Streams hands the record, with its offset, to the deserialization exception handler.
 *
 * <p>Two kinds, for two kinds of reader. {@link #of} reads what this process wrote itself (state stores, files): a
 * {@code null} stays {@code null} and an enum value it does not know reads as {@code null}. {@link #forTopic} reads
 * a topic, whose records are input from anyone who can write to it, and refuses (so that the consumer dead-letters
 * it) everything its consumers could not act on correctly: a value over {@value #MAX_VALUE_BYTES} bytes, a
 * {@code null} on a topic that keeps no tombstones, an enum value it does not know (a newer writer's record is kept
 * on {@code contimg.dlq}, not read as something else), and a value its topic's check finds incomplete.
 */
public final class JsonSerde<T> implements Serde<T>, Serializer<T>, Deserializer<T> {

    /**
     * The largest value a topic's reader accepts: many times the largest record the pipeline writes (a status
     * snapshot, a few kilobytes; a path is at most 4,096 bytes), well under the broker's default 1 MiB.
     */
    public static final int MAX_VALUE_BYTES = 256 * 1024;

    private final Class<T> type;
    private final ObjectReader reader;
    private final ObjectWriter writer;
    private final boolean fromTopic;
    private final boolean tombstones;
    private final Function<? super T, String> defect;

    private JsonSerde(Class<T> type, boolean fromTopic, boolean tombstones, Function<? super T, String> defect) {
        this.type = type;
        ObjectReader lenient = Json.mapper().readerFor(type);
        this.reader = fromTopic ? lenient.without(DeserializationFeature.READ_UNKNOWN_ENUM_VALUES_AS_NULL) : lenient;
        this.writer = Json.mapper().writerFor(type);
        this.fromTopic = fromTopic;
        this.tombstones = tombstones;
        this.defect = defect;
    }

    /** A serde for what this process reads back from itself: state stores, files. */
    public static <T> JsonSerde<T> of(Class<T> type) {
        return new JsonSerde<>(type, false, true, value -> null);
    }

    /**
     * A serde for a topic's values, refusing what its consumers cannot act on.
     *
     * @param tombstones whether a {@code null} value is one (compacted topics); otherwise it is refused
     * @param defect     what a parsed value lacks that its consumers need ("no host"), or {@code null} if nothing
     */
    public static <T> JsonSerde<T> forTopic(Class<T> type, boolean tombstones, Function<? super T, String> defect) {
        return new JsonSerde<>(type, true, tombstones, defect);
    }

    public Class<T> type() {
        return type;
    }

    @Override
    public byte[] serialize(String topic, T value) {
        if (value == null) {
            return null;
        }
        try {
            return writer.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new SerializationException(
                    topic + ": cannot write " + type.getSimpleName() + " as JSON: " + Json.oneLine(e), e);
        }
    }

    @Override
    public T deserialize(String topic, byte[] data) {
        if (data == null) {
            if (tombstones) {
                return null;
            }
            throw new SerializationException(
                    topic + ": a null value (a tombstone) where a " + type.getSimpleName() + " must be");
        }
        if (fromTopic && data.length > MAX_VALUE_BYTES) {
            throw new SerializationException(topic + ": value is " + data.length + " bytes, more than the "
                    + MAX_VALUE_BYTES + " a " + type.getSimpleName() + " may have");
        }
        try {
            T value = reader.readValue(data);
            if (value == null) {
                throw new SerializationException(topic + ": value is JSON null, not a " + type.getSimpleName());
            }
            String lacks = defect.apply(value);
            if (lacks != null) {
                throw new SerializationException(
                        topic + ": value is not a " + type.getSimpleName() + " its readers can act on: " + lacks);
            }
            return value;
        } catch (JsonProcessingException e) {
            throw new SerializationException(
                    topic + ": value is not a valid " + type.getSimpleName() + " (" + data.length + " bytes): "
                            + Json.oneLine(e),
                    e);
        } catch (IOException e) {
            throw new SerializationException(
                    topic + ": cannot read " + type.getSimpleName() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public Serializer<T> serializer() {
        return this;
    }

    @Override
    public Deserializer<T> deserializer() {
        return this;
    }

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        // Nothing to configure: the dialect is fixed by the contract.
    }

    @Override
    public void close() {
        // Nothing to release: the mapper is shared and stateless.
    }

    @Override
    public String toString() {
        return "JsonSerde<" + type.getSimpleName() + ">";
    }
}
