package org.dsa110.contimg.contract.topics;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The keys of the contract's topics (a path, a component id, a transit's name): UTF-8 text that every record must
 * have, since compaction, partitioning and every consumer's bookkeeping go by it. A record without a key, or with
 * one longer than {@value #MAX_KEY_BYTES} bytes, is refused on read, so its consumer dead-letters it.
 */
public final class RecordKeys implements Serde<String>, Serializer<String>, Deserializer<String> {

    /** Twice the longest path Linux takes (PATH_MAX, 4,096 bytes). */
    public static final int MAX_KEY_BYTES = 8192;

    static final RecordKeys SERDE = new RecordKeys();

    private final StringSerializer writer = new StringSerializer();

    private RecordKeys() {}

    @Override
    public byte[] serialize(String topic, String key) {
        return writer.serialize(topic, key);
    }

    @Override
    public String deserialize(String topic, byte[] data) {
        if (data == null) {
            throw new SerializationException(topic + ": a record without a key");
        }
        if (data.length > MAX_KEY_BYTES) {
            throw new SerializationException(
                    topic + ": key is " + data.length + " bytes, more than the " + MAX_KEY_BYTES + " a key may have");
        }
        return new String(data, StandardCharsets.UTF_8);
    }

    @Override
    public Serializer<String> serializer() {
        return this;
    }

    @Override
    public Deserializer<String> deserializer() {
        return this;
    }

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        // Nothing to configure: UTF-8, fixed by the contract.
    }

    @Override
    public void close() {
        // Nothing to release.
    }

    @Override
    public String toString() {
        return "RecordKeys";
    }
}
