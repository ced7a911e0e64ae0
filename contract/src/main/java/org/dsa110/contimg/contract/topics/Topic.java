package org.dsa110.contimg.contract.topics;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.Serde;

/**
 * One topic of the contract: its name, the serdes of its keys and values, and how the broker keeps it.
 *
 * @param name       topic name
 * @param keySerde   serde of the record keys
 * @param valueSerde serde of the record values
 * @param cleanup    {@link TopicConfig#CLEANUP_POLICY_DELETE} or {@link TopicConfig#CLEANUP_POLICY_COMPACT}
 * @param retention  how long records are kept, {@code null} for ever
 * @param extra      further topic configs, passed to the broker as they are
 */
public record Topic<K, V>(
        String name,
        Serde<K> keySerde,
        Serde<V> valueSerde,
        String cleanup,
        Duration retention,
        Map<String, String> extra) {

    public Topic {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(keySerde, "keySerde");
        Objects.requireNonNull(valueSerde, "valueSerde");
        Objects.requireNonNull(cleanup, "cleanup");
        extra = Map.copyOf(extra);
    }

    public boolean compacted() {
        return cleanup.contains(TopicConfig.CLEANUP_POLICY_COMPACT);
    }

    /** The broker-side configs this topic is created with under the given layout. */
    public Map<String, String> configs(TopicLayout layout) {
        var configs = new LinkedHashMap<String, String>();
        configs.put(TopicConfig.CLEANUP_POLICY_CONFIG, cleanup);
        Duration kept = layout.retentionOf(this);
        configs.put(TopicConfig.RETENTION_MS_CONFIG, kept == null ? "-1" : Long.toString(kept.toMillis()));
        configs.put(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, Integer.toString(layout.minInsyncReplicas()));
        // Never: an out-of-sync replica made leader loses acknowledged records (moved logs' events, pointings).
        configs.put(TopicConfig.UNCLEAN_LEADER_ELECTION_ENABLE_CONFIG, "false");
        configs.putAll(extra);
        return configs;
    }

    public NewTopic newTopic(TopicLayout layout) {
        return new NewTopic(name, layout.partitions(), layout.replicationFactor()).configs(configs(layout));
    }

    @Override
    public String toString() {
        return name;
    }
}
