package org.dsa110.contimg.bench;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.dsa110.contimg.contract.topics.Topic;

/**
 * What a benchmark made the pipeline write to its topics: end offsets (records, and with exactly-once the
 * transaction markers, which take an offset each) and bytes in the broker's log directories, per topic.
 */
final class TopicGrowth {

    /** The topics' state at one moment. */
    record Snapshot(Map<String, Long> endOffsets, Map<String, Long> bytes) {}

    private TopicGrowth() {}

    static Snapshot take(Admin admin, List<Topic<?, ?>> topics) throws Exception {
        return new Snapshot(ends(admin, topics), bytes(admin, topics));
    }

    /** Sum of the end offsets of each topic's partitions. */
    static Map<String, Long> ends(Admin admin, List<Topic<?, ?>> topics) throws Exception {
        Map<TopicPartition, OffsetSpec> request = new LinkedHashMap<>();
        var descriptions = admin.describeTopics(topics.stream().map(Topic::name).toList())
                .allTopicNames()
                .get();
        descriptions.forEach((name, description) -> description
                .partitions()
                .forEach(p -> request.put(new TopicPartition(name, p.partition()), OffsetSpec.latest())));
        var offsets = admin.listOffsets(request).all().get();
        return offsets.entrySet().stream()
                .collect(Collectors.groupingBy(
                        e -> e.getKey().topic(),
                        Collectors.summingLong(e -> e.getValue().offset())));
    }

    /** Bytes of each topic's partitions on every broker's log directories. */
    private static Map<String, Long> bytes(Admin admin, List<Topic<?, ?>> topics) throws Exception {
        List<String> names = topics.stream().map(Topic::name).toList();
        var brokers = admin.describeCluster().nodes().get().stream()
                .map(node -> node.id())
                .toList();
        var sizes = new LinkedHashMap<String, Long>();
        names.forEach(name -> sizes.put(name, 0L));
        admin.describeLogDirs(brokers)
                .allDescriptions()
                .get()
                .values()
                .forEach(dirs -> dirs.values()
                        .forEach(dir -> dir.replicaInfos().forEach((partition, replica) -> {
                            if (sizes.containsKey(partition.topic())) {
                                sizes.merge(partition.topic(), replica.size(), Long::sum);
                            }
                        })));
        return sizes;
    }
}
