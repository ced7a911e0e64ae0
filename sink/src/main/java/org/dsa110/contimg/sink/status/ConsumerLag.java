package org.dsa110.contimg.sink.status;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.GroupListing;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.dsa110.contimg.contract.OneLine;
import org.dsa110.contimg.contract.topics.ConsumerGroups;

/**
 * How far each of the pipeline's consumer groups is behind the topics it reads, from the committed offsets and the
 * topics' last stable offsets. A partition a group has never committed counts from its earliest offset: all of it
 * is still to be read. Besides the groups it is given, every host's processors ({@code contimg-processors.<host>},
 * {@link ConsumerGroups#processors}) and the calibration application ({@link ConsumerGroups#CALIBRATION}) are found
 * on the cluster at each measure: a host that joins is reported without a restart, and one whose processors are
 * down keeps its group, so its backlog shows as lag.
 */
public final class ConsumerLag {

    private final Admin admin;
    private final Map<String, List<String>> topicsByGroup;
    private final Duration timeout;

    /** @param topicsByGroup each consumer group and the topics it reads */
    public ConsumerLag(Admin admin, Map<String, List<String>> topicsByGroup, Duration timeout) {
        this.admin = admin;
        this.topicsByGroup = topicsByGroup;
        this.timeout = timeout;
    }

    /** Records behind, by group and then by topic. */
    public record Lags(Map<String, Map<String, Long>> byGroup) {

        public long of(String group, String topic) {
            return byGroup.getOrDefault(group, Map.of()).getOrDefault(topic, 0L);
        }
    }

    /** Thrown when the cluster does not answer in time, or refuses: the status says Kafka is unreachable. */
    public static final class Unreachable extends Exception {
        Unreachable(String message) {
            super(message);
        }
    }

    /** Measures within the timeout, all calls together: a status check must not hang on a dead cluster. */
    public Lags measure() throws Unreachable, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            Map<String, List<String>> groups = withEveryHostsProcessors(deadline);
            List<String> topics = groups.values().stream()
                    .flatMap(Collection::stream)
                    .distinct()
                    .toList();
            Map<String, TopicDescription> described =
                    admin.describeTopics(topics).allTopicNames().get(remaining(deadline), TimeUnit.NANOSECONDS);
            List<TopicPartition> partitions = new ArrayList<>();
            described
                    .values()
                    .forEach(d ->
                            d.partitions().forEach(p -> partitions.add(new TopicPartition(d.name(), p.partition()))));
            Map<TopicPartition, Long> ends = offsets(partitions, OffsetSpec.latest(), deadline);
            Map<TopicPartition, Long> starts = offsets(partitions, OffsetSpec.earliest(), deadline);
            var byGroup = new LinkedHashMap<String, Map<String, Long>>();
            for (var group : groups.entrySet()) {
                Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group.getKey())
                        .partitionsToOffsetAndMetadata()
                        .get(remaining(deadline), TimeUnit.NANOSECONDS);
                var byTopic = new TreeMap<String, Long>();
                for (TopicPartition partition : partitions) {
                    if (!group.getValue().contains(partition.topic())) {
                        continue;
                    }
                    OffsetAndMetadata commit = committed.get(partition);
                    long from = commit == null ? starts.get(partition) : commit.offset();
                    byTopic.merge(partition.topic(), Math.max(0, ends.get(partition) - from), Long::sum);
                }
                byGroup.put(group.getKey(), byTopic);
            }
            return new Lags(byGroup);
        } catch (ExecutionException e) {
            throw new Unreachable(OneLine.of(e.getCause() == null ? e : e.getCause()));
        } catch (TimeoutException e) {
            throw new Unreachable("no answer within " + timeout.toSeconds() + " s");
        }
    }

    private Map<String, List<String>> withEveryHostsProcessors(long deadline)
            throws ExecutionException, InterruptedException, TimeoutException {
        var groups = new LinkedHashMap<>(topicsByGroup);
        var hosts = new TreeMap<String, List<String>>();
        for (GroupListing listed : admin.listGroups().all().get(remaining(deadline), TimeUnit.NANOSECONDS)) {
            String host = ConsumerGroups.processorsHost(listed.groupId());
            if (host != null) {
                hosts.put(listed.groupId(), ConsumerGroups.processors(host).inputNames());
            } else if (listed.groupId().equals(ConsumerGroups.CALIBRATION.id())) {
                hosts.put(listed.groupId(), ConsumerGroups.CALIBRATION.inputNames());
            }
        }
        hosts.forEach(groups::putIfAbsent);
        return groups;
    }

    private static long remaining(long deadline) {
        return Math.max(0, deadline - System.nanoTime());
    }

    private Map<TopicPartition, Long> offsets(List<TopicPartition> partitions, OffsetSpec spec, long deadline)
            throws ExecutionException, InterruptedException, TimeoutException {
        var request = new HashMap<TopicPartition, OffsetSpec>();
        partitions.forEach(p -> request.put(p, spec));
        var result = new HashMap<TopicPartition, Long>();
        admin.listOffsets(request, new ListOffsetsOptions(IsolationLevel.READ_COMMITTED))
                .all()
                .get(remaining(deadline), TimeUnit.NANOSECONDS)
                .forEach((p, info) -> result.put(p, info.offset()));
        return result;
    }
}
