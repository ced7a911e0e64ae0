package org.dsa110.contimg.processors;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.streams.StreamsConfig;
import org.dsa110.contimg.contract.config.KafkaSettings;
import org.dsa110.contimg.contract.config.Membership;
import org.dsa110.contimg.contract.topics.Topics;
import org.dsa110.contimg.processors.kernel.RocksDbMemory;

/**
 * The processors' Streams configuration, in {@link KafkaSettings}' three layers: this project's defaults, then the
 * operator's properties file, then {@code exactly_once_v2} and the application id, which no file may weaken.
 * Records no processor can read or handle are logged and sent, with Kafka's dead-letter headers, to
 * {@code contimg.dlq} ({@link DeadLetterHandler}); processing goes on.
 */
public final class StreamsSettings {

    private StreamsSettings() {}

    // The global-handler flag is deprecated because Kafka 5.0 makes it the default; until then Streams warns
    // unless it is set, so it is set.
    @SuppressWarnings("deprecation")
    /**
     * @param membership static membership of this instance (session timeout, {@code group.instance.id}, to which
     *                   Streams appends each thread's index), or {@code null} for a dynamic member
     */
    public static Properties of(KafkaSettings kafka, String applicationId, Path stateDir, Membership membership) {
        return of(kafka, applicationId, stateDir, membership, Map.of());
    }

    /**
     * The same, with defaults of this application's own ({@code own}), which the operator's file may still change.
     */
    public static Properties of(
            KafkaSettings kafka, String applicationId, Path stateDir, Membership membership, Map<String, Object> own) {
        var defaults = new HashMap<String, Object>();
        defaults.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        defaults.put(
                StreamsConfig.REPLICATION_FACTOR_CONFIG, (int) kafka.topics().replicationFactor());
        // Streams' own topics (changelogs, repartitions) as durable as the registry's (Topic.configs).
        defaults.put(
                StreamsConfig.topicPrefix(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG),
                Integer.toString(kafka.topics().minInsyncReplicas()));
        defaults.put(StreamsConfig.topicPrefix(TopicConfig.UNCLEAN_LEADER_ELECTION_ENABLE_CONFIG), "false");
        defaults.put(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG, Topics.DLQ.name());
        defaults.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterHandler.class.getName());
        defaults.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterHandler.class.getName());
        defaults.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_GLOBAL_ENABLED_CONFIG, true);
        // Kafka 4.3's partition assignor rebuilds a StreamsConfig from the main consumer's configs and warns
        // that the flag above is off unless the consumer carries it too.
        defaults.put(
                StreamsConfig.mainConsumerPrefix(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_GLOBAL_ENABLED_CONFIG),
                true);
        defaults.put(StreamsConfig.producerPrefix(ProducerConfig.COMPRESSION_TYPE_CONFIG), "lz4");
        defaults.put(StreamsConfig.ROCKSDB_CONFIG_SETTER_CLASS_CONFIG, RocksDbMemory.class.getName());
        defaults.putAll(own);
        var config = kafka.layered(defaults);
        if (membership != null) {
            membership.applyTo(config, applicationId);
        }
        config.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
        config.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        var properties = new Properties();
        properties.putAll(config);
        return properties;
    }
}
