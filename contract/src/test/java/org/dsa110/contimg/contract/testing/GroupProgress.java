package org.dsa110.contimg.contract.testing;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * What a consumer group (a Streams application is one) has done, as the broker sees it: the conditions a test waits
 * on instead of a sleep. A group that has committed every partition of its inputs up to their ends has processed all
 * that was there, and under exactly-once its outputs for it are committed too.
 */
public final class GroupProgress {

    private GroupProgress() {}

    /** Where each partition of the topics ends now (for {@code read_committed} readers too: past any marker). */
    public static Map<TopicPartition, Long> ends(Admin admin, Collection<String> topics)
            throws ExecutionException, InterruptedException {
        Map<TopicPartition, OffsetSpec> specs = new HashMap<>();
        for (var description :
                admin.describeTopics(topics).allTopicNames().get().values()) {
            description
                    .partitions()
                    .forEach(
                            p -> specs.put(new TopicPartition(description.name(), p.partition()), OffsetSpec.latest()));
        }
        return admin.listOffsets(specs).all().get().entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
    }

    /**
     * Whether the group has committed at least {@code ends} on every partition: what was on those partitions when the
     * ends were taken is processed. A partition that was empty needs no commit.
     */
    public static boolean committedUpTo(Admin admin, String group, Map<TopicPartition, Long> ends)
            throws ExecutionException, InterruptedException {
        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                .partitionsToOffsetAndMetadata()
                .get();
        return ends.entrySet().stream().allMatch(end -> {
            OffsetAndMetadata offset = committed.get(end.getKey());
            return end.getValue() == 0 || offset != null && offset.offset() >= end.getValue();
        });
    }

    /** Whether the group has processed everything on the topics now. */
    public static boolean caughtUp(Admin admin, String group, Collection<String> topics)
            throws ExecutionException, InterruptedException {
        return committedUpTo(admin, group, ends(admin, topics));
    }

    /**
     * Which member holds which partitions of {@code topic}, by the member's {@code group.instance.id} (its client id
     * where it has none); members holding none of them are listed with an empty set.
     */
    public static Map<String, Set<Integer>> assignments(Admin admin, String group, String topic)
            throws ExecutionException, InterruptedException {
        ConsumerGroupDescription description = admin.describeConsumerGroups(Set.of(group))
                .describedGroups()
                .get(group)
                .get();
        Map<String, Set<Integer>> held = new HashMap<>();
        for (MemberDescription member : description.members()) {
            String name = member.groupInstanceId().orElse(member.clientId());
            Set<Integer> partitions = held.computeIfAbsent(name, n -> new TreeSet<>());
            member.assignment().topicPartitions().stream()
                    .filter(p -> p.topic().equals(topic))
                    .forEach(p -> partitions.add(p.partition()));
        }
        return held;
    }
}
