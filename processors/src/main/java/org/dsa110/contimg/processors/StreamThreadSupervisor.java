package org.dsa110.contimg.processors;

import java.time.Clock;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.dsa110.contimg.contract.OneLine;
import org.dsa110.contimg.contract.service.Failure;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What happens when a stream thread dies of what no processor turned into an outcome (a lost broker, a full disk
 * under the state stores, a bug): the thread is replaced while the {@link ThreadReplacements} budget allows, then
 * the whole client is shut down and the {@link Failure} says why, so the service stops and is restarted from
 * outside. A client that reaches {@code ERROR} by any other way is a failure too.
 */
public final class StreamThreadSupervisor implements StreamsUncaughtExceptionHandler, KafkaStreams.StateListener {

    private static final Logger log = LoggerFactory.getLogger(StreamThreadSupervisor.class);

    private final ThreadReplacements policy;
    private final ThreadReplacements.Count replacements;
    private final Failure failure;
    private final Clock clock;
    private volatile String lastDeath;

    public StreamThreadSupervisor(ThreadReplacements policy, Failure failure, Clock clock) {
        this.policy = policy;
        this.replacements = policy.count();
        this.failure = failure;
        this.clock = clock;
    }

    /** Supervises {@code streams}; call before {@link KafkaStreams#start()}. */
    public void watch(KafkaStreams streams) {
        streams.setUncaughtExceptionHandler(this);
        streams.setStateListener(this);
    }

    @Override
    public StreamThreadExceptionResponse handle(Throwable e) {
        lastDeath = OneLine.of(e);
        if (replacements.replace(clock.instant())) {
            log.error(
                    "A stream thread died; replacing it ({} of {} in {} s): {}",
                    replacements.recent(clock.instant()),
                    policy.max(),
                    policy.window().toSeconds(),
                    lastDeath,
                    e);
            return StreamThreadExceptionResponse.REPLACE_THREAD;
        }
        failure.fail(
                "a stream thread died after " + policy.max() + " replacements in "
                        + policy.window().toSeconds() + " s",
                e);
        return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
    }

    @Override
    public void onChange(KafkaStreams.State now, KafkaStreams.State before) {
        if (now == KafkaStreams.State.ERROR) {
            failure.fail("stream processing stopped (" + now + "), last thread death: " + lastDeath);
        }
    }

    /**
     * While threads were replaced within the window: the issue the status shows ({@code healthy: false}), else
     * {@code null}.
     */
    public String issue() {
        int recent = replacements.recent(clock.instant());
        return recent == 0
                ? null
                : "replaced " + recent + " failed stream thread(s) in the last "
                        + policy.window().toSeconds() + " s (last: " + lastDeath + ")";
    }
}
