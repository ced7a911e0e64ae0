package org.dsa110.contimg.contract.topics;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * How many partitions and replicas the contract's topics get on a given cluster, and any retention that differs
 * from the registry's default (the replay window of {@code contimg.fs-events}, for one).
 *
 * @param partitions        partitions of every topic: the unit of scale-out for processors
 * @param replicationFactor replicas of every topic: 1 on the embedded broker, 3 on a production cluster
 * @param retention         per-topic-name retention overrides; a {@code null} value keeps records for ever
 */
public record TopicLayout(int partitions, short replicationFactor, Map<String, Duration> retention) {

    public static final int DEFAULT_PARTITIONS = 3;
    public static final short DEFAULT_REPLICATION_FACTOR = 1;

    public TopicLayout {
        if (partitions < 1) {
            throw new IllegalArgumentException("partitions must be at least 1, not " + partitions);
        }
        if (replicationFactor < 1) {
            throw new IllegalArgumentException("replication factor must be at least 1, not " + replicationFactor);
        }
        retention = Map.copyOf(retention);
    }

    /**
     * Replicas that must have a write before it is acknowledged ({@code min.insync.replicas}, with the producers'
     * {@code acks=all}): 2 from 3 replicas up, so that an acknowledged record survives the loss of any one broker and
     * a partition still takes writes while one broker is down; 1 for 1 or 2 replicas (with 2, requiring both would
     * stop every write while either broker is away).
     */
    public int minInsyncReplicas() {
        return replicationFactor >= 3 ? 2 : 1;
    }

    /** The local default: 3 partitions, 1 replica, the registry's retentions. */
    public static TopicLayout defaults() {
        return new TopicLayout(DEFAULT_PARTITIONS, DEFAULT_REPLICATION_FACTOR, Map.of());
    }

    public TopicLayout withRetention(Topic<?, ?> topic, Duration kept) {
        var copy = new HashMap<>(retention);
        copy.put(topic.name(), kept);
        return new TopicLayout(partitions, replicationFactor, copy);
    }

    /** Retention of the topic under this layout, {@code null} for ever. */
    public Duration retentionOf(Topic<?, ?> topic) {
        return retention.containsKey(topic.name()) ? retention.get(topic.name()) : topic.retention();
    }
}
