package org.dsa110.contimg.contract.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import java.io.IOException;
import java.util.Map;
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
 * A {@code null} value (a tombstone on a compacted topic) stays {@code null}.
 */
public final class JsonSerde<T> implements Serde<T>, Serializer<T>, Deserializer<T> {

    private final Class<T> type;
    private final ObjectReader reader;
    private final ObjectWriter writer;

    private JsonSerde(Class<T> type) {
        this.type = type;
        this.reader = Json.mapper().readerFor(type);
        this.writer = Json.mapper().writerFor(type);
    }

    public static <T> JsonSerde<T> of(Class<T> type) {
        return new JsonSerde<>(type);
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
            return null;
        }
        try {
            T value = reader.readValue(data);
            if (value == null) {
                throw new SerializationException(topic + ": value is JSON null, not a " + type.getSimpleName());
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
