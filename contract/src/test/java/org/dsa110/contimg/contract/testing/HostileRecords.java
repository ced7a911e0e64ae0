package org.dsa110.contimg.contract.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.dsa110.contimg.contract.config.KafkaSettings;
import org.dsa110.contimg.contract.json.Json;
import org.dsa110.contimg.contract.json.JsonSerde;
import org.dsa110.contimg.contract.topics.RecordKeys;
import org.dsa110.contimg.contract.topics.Topic;
import org.dsa110.contimg.contract.topics.Topics;

/**
 * Seeded hostile records for one topic of the registry: the ways a record on it can be one its consumers cannot act
 * on, each made from one readable record so that it differs from a readable one in one way only. The same seed gives
 * the same records, so a failure names the seed that reproduces it.
 */
public final class HostileRecords {

    /** What is wrong with a hostile record. */
    public enum Flaw {
        /** Bytes that are not JSON at all (binary, text, malformed UTF-8). */
        NOT_JSON,
        /** The readable value cut short. */
        TRUNCATED,
        /** JSON of another shape: an array, a string, a number, a field of the wrong type. */
        WRONG_SHAPE,
        /** The JSON literal {@code null}. */
        JSON_NULL,
        /** An enum field holding a value no version of the contract defines. */
        UNKNOWN_ENUM,
        /** A field the topic's consumers act on, absent or null. */
        MISSING_FIELD,
        /** No key (topics that are not compacted: the broker itself refuses keyless records on the others). */
        NO_KEY,
        /** A null value where a topic keeps no tombstones. */
        TOMBSTONE,
        /** A readable value padded past {@link JsonSerde#MAX_VALUE_BYTES}. */
        OVERSIZED_VALUE,
        /** A key longer than {@link RecordKeys#MAX_KEY_BYTES}. */
        OVERSIZED_KEY
    }

    /** One hostile record, and how it was made. */
    public record Hostile(Flaw flaw, String variant, byte[] key, byte[] value) {
        @Override
        public String toString() {
            return flaw + " (" + variant + ", key " + (key == null ? "null" : key.length + " bytes") + ", value "
                    + (value == null ? "null" : value.length + " bytes") + ")";
        }
    }

    /** The fields each topic's consumers act on, as the contract's readers know them (dotted for nested ones). */
    private static final Map<String, List<String>> REQUIRED = Map.of(
            Topics.FS_EVENTS.name(), List.of("path", "kind", "host"),
            Topics.LOG_MOVES.name(), List.of("path", "event", "event.kind", "event.host"),
            Topics.TEMP_PURGES.name(), List.of("path", "event", "event.kind", "event.host"),
            Topics.POINTING_REQUESTS.name(), List.of("path", "event", "event.kind", "event.host"),
            Topics.POINTING.name(), List.of("source_file"),
            Topics.CALIBRATOR_TRANSITS.name(), List.of("calibrator", "source_file", "transit_time"),
            Topics.CAMPAIGNS.name(), List.of("telescope", "start", "cause"),
            Topics.OUTCOMES.name(), List.of("path", "stage", "result"),
            Topics.STATUS.name(), List.of("component"));

    private final Topic<String, ?> topic;
    private final byte[] key;
    private final byte[] value;
    private final List<String> required;
    private final List<String> enums;
    private final List<Flaw> flaws;

    private <V> HostileRecords(Topic<String, V> topic, String key, V readable) {
        this.topic = topic;
        this.key = topic.keySerde().serializer().serialize(topic.name(), key);
        this.value = topic.valueSerde().serializer().serialize(topic.name(), readable);
        this.required = REQUIRED.getOrDefault(topic.name(), List.of());
        this.enums = enumFields(readable.getClass(), "", tree(value));
        var applicable = new ArrayList<>(Arrays.asList(Flaw.values()));
        if (topic.compacted()) {
            applicable.remove(Flaw.NO_KEY);
            applicable.remove(Flaw.TOMBSTONE);
        }
        if (enums.isEmpty()) {
            applicable.remove(Flaw.UNKNOWN_ENUM);
        }
        if (required.isEmpty()) {
            applicable.remove(Flaw.MISSING_FIELD);
        }
        this.flaws = List.copyOf(applicable);
    }

    /** Hostile records of {@code topic}, made from the readable record {@code key}, {@code readable}. */
    public static <V> HostileRecords of(Topic<String, V> topic, String key, V readable) {
        return new HostileRecords(topic, key, readable);
    }

    public Topic<String, ?> topic() {
        return topic;
    }

    /** The readable record's key, as written. */
    public byte[] key() {
        return key;
    }

    /** The readable record's value, as written. */
    public byte[] value() {
        return value;
    }

    /** The flaws a record of this topic can have. */
    public List<Flaw> flaws() {
        return flaws;
    }

    /** {@code n} hostile records from {@code seed}, every flaw in turn, each a variant drawn from the seed. */
    /** Hostile records sent, in order, and where each landed. */
    public record Sent(List<Hostile> records, List<RecordMetadata> at) {}

    /**
     * Every flaw of each input twice, in seeded variants, sent by {@code producer} in order, each waited for;
     * to {@code partition}, or where the producer puts it when {@code null}.
     */
    public static Sent sendEveryFlawTwice(
            Producer<byte[], byte[]> producer, List<HostileRecords> inputs, long seed, Integer partition)
            throws ExecutionException, InterruptedException {
        var records = new ArrayList<Hostile>();
        var at = new ArrayList<RecordMetadata>();
        for (HostileRecords input : inputs) {
            for (Hostile record : input.sample(seed, 2 * input.flaws().size())) {
                at.add(producer.send(
                                new ProducerRecord<>(input.topic().name(), partition, record.key(), record.value()))
                        .get());
                records.add(record);
            }
        }
        return new Sent(records, at);
    }

    /** The same, by a producer of raw bytes of its own, each where the producer puts it. */
    public static Sent sendEveryFlawTwice(KafkaSettings kafka, List<HostileRecords> inputs, long seed)
            throws ExecutionException, InterruptedException {
        try (var raw = new KafkaProducer<>(
                kafka.producer("test-hostile"), new ByteArraySerializer(), new ByteArraySerializer())) {
            return sendEveryFlawTwice(raw, inputs, seed, null);
        }
    }

    /** The counter of this topic's dead letters in a Streams service's status: {@code dead_letters_<topic>}. */
    public String deadLetterCounter() {
        return "dead_letters_" + topic.name().replaceFirst("^contimg\\.", "").replace('-', '_');
    }

    public List<Hostile> sample(long seed, int n) {
        var random = new Random(seed);
        var records = new ArrayList<Hostile>(n);
        for (int i = 0; i < n; i++) {
            records.add(make(flaws.get(i % flaws.size()), random));
        }
        return records;
    }

    /** One hostile record of each flaw. */
    public List<Hostile> oneOfEach(long seed) {
        return sample(seed, flaws.size());
    }

    private Hostile make(Flaw flaw, Random random) {
        return switch (flaw) {
            case NOT_JSON -> notJson(random);
            case TRUNCATED -> {
                int cut = 1 + random.nextInt(value.length - 1);
                yield new Hostile(flaw, "cut at " + cut, key, Arrays.copyOf(value, cut));
            }
            case WRONG_SHAPE -> wrongShape(random);
            case JSON_NULL -> new Hostile(flaw, "null", key, bytes(random.nextBoolean() ? "null" : " null\n"));
            case UNKNOWN_ENUM -> {
                String field = enums.get(random.nextInt(enums.size()));
                String unknown = "not_a_" + Long.toString(random.nextLong() & Long.MAX_VALUE, 36);
                ObjectNode tree = tree(value);
                parentOf(tree, field).put(last(field), unknown);
                yield new Hostile(flaw, field + "=" + unknown, key, write(tree));
            }
            case MISSING_FIELD -> {
                String field = required.get(random.nextInt(required.size()));
                ObjectNode tree = tree(value);
                boolean asNull = random.nextBoolean();
                if (asNull) {
                    parentOf(tree, field).putNull(last(field));
                } else {
                    parentOf(tree, field).remove(last(field));
                }
                yield new Hostile(flaw, field + (asNull ? " null" : " absent"), key, write(tree));
            }
            case NO_KEY -> new Hostile(flaw, "no key", null, value);
            case TOMBSTONE -> new Hostile(flaw, "null value", key, null);
            case OVERSIZED_VALUE -> {
                int size = JsonSerde.MAX_VALUE_BYTES + 1 + random.nextInt(64 * 1024);
                ObjectNode tree = tree(value);
                tree.put("padding", "x".repeat(size));
                yield new Hostile(flaw, "padded by " + size, key, write(tree));
            }
            case OVERSIZED_KEY -> {
                int size = RecordKeys.MAX_KEY_BYTES + 1 + random.nextInt(4096);
                yield new Hostile(flaw, size + "-byte key", bytes("/" + "k".repeat(size)), value);
            }
        };
    }

    private Hostile notJson(Random random) {
        return switch (random.nextInt(3)) {
            case 0 -> {
                byte[] noise = new byte[1 + random.nextInt(256)];
                random.nextBytes(noise);
                noise[0] = (byte) (0x80 | noise[0]); // never a byte JSON may start with
                yield new Hostile(Flaw.NOT_JSON, "binary", key, noise);
            }
            case 1 -> new Hostile(Flaw.NOT_JSON, "text", key, bytes(topic.name() + " created " + random.nextInt()));
            default -> {
                // Malformed UTF-8 inside a string of a readable value: a lone continuation byte.
                String json = new String(value, StandardCharsets.UTF_8);
                int quote = json.indexOf('"', 1 + json.indexOf(':'));
                byte[] head = bytes(json.substring(0, quote + 1));
                byte[] tail = bytes(json.substring(quote + 1));
                byte[] bad = Arrays.copyOf(head, head.length + 1 + tail.length);
                bad[head.length] = (byte) 0x80;
                System.arraycopy(tail, 0, bad, head.length + 1, tail.length);
                yield new Hostile(Flaw.NOT_JSON, "malformed UTF-8", key, bad);
            }
        };
    }

    private Hostile wrongShape(Random random) {
        return switch (random.nextInt(5)) {
            case 0 ->
                new Hostile(
                        Flaw.WRONG_SHAPE, "array", key, bytes("[" + new String(value, StandardCharsets.UTF_8) + "]"));
            case 1 -> new Hostile(Flaw.WRONG_SHAPE, "string", key, bytes("\"" + topic.name() + "\""));
            case 2 -> new Hostile(Flaw.WRONG_SHAPE, "number", key, bytes(Integer.toString(random.nextInt())));
            case 3 -> new Hostile(Flaw.WRONG_SHAPE, "boolean", key, bytes(Boolean.toString(random.nextBoolean())));
            default -> {
                String field = required.isEmpty() ? "schema" : required.get(random.nextInt(required.size()));
                ObjectNode tree = tree(value);
                parentOf(tree, field).putArray(last(field)).add(random.nextInt());
                yield new Hostile(Flaw.WRONG_SHAPE, field + " an array", key, write(tree));
            }
        };
    }

    /** The dotted JSON names of the enum fields a readable value holds, nested records included. */
    private static List<String> enumFields(Class<?> type, String prefix, JsonNode json) {
        var fields = new ArrayList<String>();
        if (!type.isRecord() || json == null || !json.isObject()) {
            return fields;
        }
        var naming = new PropertyNamingStrategies.SnakeCaseStrategy();
        for (RecordComponent component : type.getRecordComponents()) {
            String name = naming.translate(component.getName());
            JsonNode field = json.get(name);
            if (field == null || field.isNull()) {
                continue;
            }
            if (component.getType().isEnum()) {
                fields.add(prefix + name);
            } else if (component.getType().isRecord()) {
                fields.addAll(enumFields(component.getType(), prefix + name + ".", field));
            }
        }
        return fields;
    }

    private static ObjectNode parentOf(ObjectNode tree, String dotted) {
        ObjectNode node = tree;
        String[] parts = dotted.split("\\.");
        for (int i = 0; i < parts.length - 1; i++) {
            node = (ObjectNode) node.get(parts[i]);
        }
        return node;
    }

    private static String last(String dotted) {
        return dotted.substring(dotted.lastIndexOf('.') + 1);
    }

    private static ObjectNode tree(byte[] json) {
        try {
            return (ObjectNode) Json.mapper().readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] write(JsonNode tree) {
        try {
            return Json.mapper().writeValueAsBytes(tree);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
