package org.dsa110.contimg.contract.topics;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.CreateTopicsOptions;
import org.apache.kafka.clients.admin.DescribeConfigsOptions;
import org.apache.kafka.clients.admin.DescribeTopicsOptions;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates the contract's topics with the Admin client, because the pipeline never relies on broker
 * auto-creation: a topic created by a producer's first write would get the broker's defaults, and a compacted
 * topic created as {@code delete} silently loses the pointing history.
 *
 * <p>Missing topics are created with their registry configs; existing topics are left alone but checked: a
 * partition count or cleanup policy other than the layout's fails with a message saying what to fix.
 */
public final class TopicSetup {

    private static final Logger log = LoggerFactory.getLogger(TopicSetup.class);
    private static final Duration RETRY_BACKOFF = Duration.ofMillis(100);

    private final Admin admin;
    private final TopicLayout layout;
    private final Duration timeout;

    public TopicSetup(Admin admin, TopicLayout layout, Duration timeout) {
        this.admin = admin;
        this.layout = layout;
        this.timeout = timeout;
    }

    /**
     * Makes sure every topic exists as the layout says.
     *
     * @return the names of the topics this call created (empty when all existed)
     * @throws TopicMismatchException when an existing topic differs in partitions or cleanup policy
     * @throws KafkaException         when the cluster cannot be reached or refuses, with the cause
     */
    public List<String> ensure(Collection<Topic<?, ?>> topics) {
        Set<String> existing = await(
                () -> admin.listTopics(
                                new ListTopicsOptions().listInternal(false).timeoutMs(timeoutMs()))
                        .names(),
                "list topics");
        List<String> created = new ArrayList<>();
        List<Topic<?, ?>> toCheck = new ArrayList<>();
        List<NewTopic> missing = new ArrayList<>();
        for (Topic<?, ?> topic : topics) {
            if (existing.contains(topic.name())) {
                toCheck.add(topic);
            } else {
                missing.add(topic.newTopic(layout));
            }
        }
        if (!missing.isEmpty()) {
            var results = admin.createTopics(missing, new CreateTopicsOptions().timeoutMs(timeoutMs()))
                    .values();
            for (NewTopic newTopic : missing) {
                Topic<?, ?> topic = byName(topics, newTopic.name());
                try {
                    results.get(newTopic.name()).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
                    created.add(newTopic.name());
                    log.info(
                            "Created topic {} ({} partitions, replication {}, {})",
                            newTopic.name(),
                            newTopic.numPartitions(),
                            newTopic.replicationFactor(),
                            topic.configs(layout));
                } catch (ExecutionException e) {
                    if (e.getCause() instanceof TopicExistsException) {
                        toCheck.add(topic); // another instance created it meanwhile: check it like any other
                    } else {
                        throw failure("create topic " + newTopic.name(), e.getCause());
                    }
                } catch (TimeoutException e) {
                    throw failure("create topic " + newTopic.name(), e);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new KafkaException("Interrupted while creating topic " + newTopic.name(), e);
                }
            }
        }
        check(toCheck);
        return created;
    }

    private void check(List<Topic<?, ?>> topics) {
        if (topics.isEmpty()) {
            return;
        }
        List<String> names = topics.stream().map(Topic::name).toList();
        Map<String, TopicDescription> descriptions = await(
                () -> admin.describeTopics(names, new DescribeTopicsOptions().timeoutMs(timeoutMs()))
                        .allTopicNames(),
                "describe topics " + names);
        List<ConfigResource> resources = names.stream()
                .map(name -> new ConfigResource(ConfigResource.Type.TOPIC, name))
                .toList();
        Map<ConfigResource, Config> configs = await(
                () -> admin.describeConfigs(resources, new DescribeConfigsOptions().timeoutMs(timeoutMs()))
                        .all(),
                "describe configs of " + names);

        List<String> problems = new ArrayList<>();
        for (Topic<?, ?> topic : topics) {
            int partitions = descriptions.get(topic.name()).partitions().size();
            if (partitions != layout.partitions()) {
                problems.add(topic.name() + " has " + partitions + " partitions, expected " + layout.partitions()
                        + " (run with --partitions " + partitions + ", or recreate the topic)");
            }
            var entry = configs.get(new ConfigResource(ConfigResource.Type.TOPIC, topic.name()))
                    .get(TopicConfig.CLEANUP_POLICY_CONFIG);
            String policy = entry == null ? "delete" : entry.value();
            if (!sameCleanup(policy, topic.cleanup())) {
                problems.add(topic.name() + " has cleanup.policy=" + policy + ", expected " + topic.cleanup()
                        + " (kafka-configs --alter --entity-type topics --entity-name " + topic.name()
                        + " --add-config cleanup.policy=" + topic.cleanup() + ")");
            }
        }
        if (!problems.isEmpty()) {
            throw new TopicMismatchException(problems);
        }
    }

    private static boolean sameCleanup(String actual, String expected) {
        return policies(actual).equals(policies(expected));
    }

    private static Set<String> policies(String list) {
        return Arrays.stream(list.split(","))
                .map(String::strip)
                .filter(s -> !s.isEmpty())
                .collect(Collectors.toSet());
    }

    private static Topic<?, ?> byName(Collection<Topic<?, ?>> topics, String name) {
        return topics.stream().filter(t -> t.name().equals(name)).findFirst().orElseThrow();
    }

    /**
     * Runs an Admin call, retrying retriable errors until the timeout: a topic just created here or by another
     * instance can be briefly unknown to the broker that answers a describe.
     */
    private <T> T await(Supplier<KafkaFuture<T>> call, String what) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            try {
                return call.get().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (ExecutionException e) {
                boolean retry = e.getCause() instanceof RetriableException
                        // SUPPRESS CHECKSTYLE (a name clash): java.util.concurrent's TimeoutException is imported
                        && !(e.getCause() instanceof org.apache.kafka.common.errors.TimeoutException)
                        && System.nanoTime() < deadline;
                if (!retry) {
                    throw failure(what, e.getCause());
                }
                log.debug("Retrying {} after {}", what, e.getCause().toString());
                pause();
            } catch (TimeoutException e) {
                throw failure(what, e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new KafkaException("Interrupted while trying to " + what, e);
            }
        }
    }

    private static void pause() {
        try {
            Thread.sleep(RETRY_BACKOFF.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KafkaException("Interrupted while waiting to retry", e);
        }
    }

    private int timeoutMs() {
        return (int) Math.min(Integer.MAX_VALUE, timeout.toMillis());
    }

    private KafkaException failure(String what, Throwable cause) {
        boolean timedOut = cause instanceof TimeoutException
                // SUPPRESS CHECKSTYLE (a name clash): java.util.concurrent's TimeoutException is imported
                || cause instanceof org.apache.kafka.common.errors.TimeoutException;
        String reason = timedOut
                ? "no answer from the cluster within " + timeout.toSeconds() + " s (is the broker running?)"
                : cause.getClass().getSimpleName() + ": " + cause.getMessage();
        return new KafkaException("Cannot " + what + ": " + reason, cause);
    }

    /** An existing topic disagrees with the layout in a way the pipeline cannot work around. */
    public static final class TopicMismatchException extends KafkaException {
        private final List<String> problems;

        TopicMismatchException(List<String> problems) {
            super("Existing topics do not match the configured layout: " + String.join("; ", problems));
            this.problems = List.copyOf(problems);
        }

        public List<String> problems() {
            return problems;
        }
    }
}
