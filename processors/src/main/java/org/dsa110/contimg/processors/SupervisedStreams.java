package org.dsa110.contimg.processors;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.Topology;
import org.dsa110.contimg.contract.config.Membership;
import org.dsa110.contimg.contract.service.Failure;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Kafka Streams client as the processors' services run it: its stream threads supervised
 * ({@link StreamThreadSupervisor}: replaced within a budget, then a {@link Failure}), its state as the issues of a
 * status, and a bounded close that keeps a static member in its group. The per-host processors and the cluster's
 * calibration application are each one.
 */
public final class SupervisedStreams {

    private static final Logger log = LoggerFactory.getLogger(SupervisedStreams.class);
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(15);

    private final KafkaStreams streams;
    private final StreamThreadSupervisor supervisor;
    private final Failure failure;
    private final String applicationId;
    private final Membership membership;
    private volatile KafkaStreamsMetrics streamsMetrics;

    /**
     * @param config     the client's configuration ({@link StreamsSettings#of}), for {@code applicationId}
     * @param membership static membership, or {@code null} for a dynamic member
     */
    public SupervisedStreams(
            Topology topology,
            Properties config,
            String applicationId,
            Membership membership,
            ThreadReplacements replacements,
            Failure failure) {
        this.streams = new KafkaStreams(topology, config);
        this.supervisor = new StreamThreadSupervisor(replacements, failure, Clock.systemUTC());
        this.failure = failure;
        this.applicationId = applicationId;
        this.membership = membership;
    }

    public void start() {
        supervisor.watch(streams);
        streams.start();
    }

    /**
     * Waits until stream processing runs (partitions assigned, state restored), so "ready" means a new record is
     * acted on at once rather than after the first rebalance.
     *
     * @throws IllegalStateException if processing failed, or did not start within the timeout
     */
    public void awaitRunning(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (streams.state() != KafkaStreams.State.RUNNING) {
            KafkaStreams.State state = streams.state();
            if (state == KafkaStreams.State.ERROR || state == KafkaStreams.State.NOT_RUNNING) {
                throw new IllegalStateException("stream processing stopped while starting (" + state + ")");
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(
                        "stream processing did not start within " + timeout.toSeconds() + " s (state " + state + ")");
            }
            Thread.sleep(50);
        }
    }

    public KafkaStreams.State state() {
        return streams.state();
    }

    /** The client itself, for what reads it: metrics binders, thread metadata. */
    public KafkaStreams streams() {
        return streams;
    }

    public String applicationId() {
        return applicationId;
    }

    /** This instance's {@code group.instance.id}, or {@code null} for a dynamic member. */
    public String groupInstanceId() {
        return membership == null ? null : membership.instanceId(applicationId);
    }

    /** What a status says is wrong: the failure, a client stopped while it should run, threads replaced of late. */
    public List<String> issues(boolean running) {
        List<String> issues = new ArrayList<>();
        KafkaStreams.State state = streams.state();
        if (failure.reason() != null) {
            issues.add(failure.issue());
        } else if (state == KafkaStreams.State.ERROR || state == KafkaStreams.State.NOT_RUNNING && running) {
            issues.add("stream processing is " + state);
        }
        String replaced = supervisor.issue();
        if (replaced != null && failure.reason() == null) {
            issues.add(replaced);
        }
        return issues;
    }

    /**
     * Binds the client to {@code registry}: a gauge per client state under {@code stateMeter}, 1 for the current
     * one, and Kafka Streams' own series ({@code kafka_stream_*}, Micrometer's binder, tagged by client).
     */
    public void bindTo(MeterRegistry registry, String stateMeter, String description) {
        for (KafkaStreams.State state : KafkaStreams.State.values()) {
            Gauge.builder(stateMeter, streams, s -> s.state() == state ? 1 : 0)
                    .tag("state", state.name())
                    .description(description)
                    .register(registry);
        }
        var binder = new KafkaStreamsMetrics(streams);
        binder.bindTo(registry);
        streamsMetrics = binder;
    }

    /** Commits what was processed and stops, within 15 s. */
    public void close() {
        // A static member stays in the group on a clean stop: its restart (systemd, an upgrade) takes its tasks back
        // at once, with no rebalance. A dynamic member leaves, or its restart would wait out its old session.
        var membershipOnClose = membership != null
                ? CloseOptions.GroupMembershipOperation.REMAIN_IN_GROUP
                : CloseOptions.GroupMembershipOperation.LEAVE_GROUP;
        if (!streams.close(CloseOptions.timeout(CLOSE_TIMEOUT).withGroupMembershipOperation(membershipOnClose))) {
            log.warn("Stream processing of {} did not stop within {} s", applicationId, CLOSE_TIMEOUT.toSeconds());
        }
        if (streamsMetrics != null) {
            streamsMetrics.close();
        }
    }
}
