package org.dsa110.contimg.processors;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Properties;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TopologyTestDriver;
import org.dsa110.contimg.processors.kernel.ProcessorsMetrics;

/**
 * The processors' topology under a {@link TopologyTestDriver}, with the handlers the service configures: a record
 * the registry's serdes refuse, or a processor throws at, is counted as a dead letter in {@code metrics}
 * ({@link DeadLetterHandler}; the driver writes no dead-letter records).
 */
public final class TopologyDriver {

    private TopologyDriver() {}

    /** The topology of {@code settings}, its state under {@code stateDir}, its wall clock starting at the clock's. */
    public static TopologyTestDriver of(
            ProcessorsSettings settings, ProcessorsMetrics metrics, Clock clock, Path stateDir) {
        var properties = new Properties();
        properties.put(StreamsConfig.APPLICATION_ID_CONFIG, "processors-topology-test");
        properties.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        properties.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterHandler.class.getName());
        properties.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterHandler.class.getName());
        properties.put(DeadLetterHandler.METRICS_CONFIG, metrics);
        return new TopologyTestDriver(ProcessorsTopology.build(settings, metrics, clock), properties, clock.instant());
    }
}
