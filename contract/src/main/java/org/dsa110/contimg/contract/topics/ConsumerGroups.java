package org.dsa110.contimg.contract.topics;

import java.util.List;

/**
 * The pipeline's consumer groups and the topics each reads, beside the topic registry: the processors' Streams
 * application and the sink are named here once, and whoever reports their lag (the sink's monitor), resets them
 * ({@code contimg kafka-tool}) or replays them reads the same names.
 */
public final class ConsumerGroups {

    /** A consumer group (a Streams {@code application.id} is one) and the input topics it commits offsets on. */
    public record Group(String id, List<Topic<?, ?>> inputs) {
        public Group {
            inputs = List.copyOf(inputs);
        }

        public List<String> inputNames() {
            return inputs.stream().map(Topic::name).toList();
        }
    }

    /** Every host's processors' application ids begin so: {@code contimg-processors.<host id>}. */
    public static final String PROCESSORS_PREFIX = "contimg-processors.";

    /** The topics every host's processors read: classify, then the three stages on their request topics. */
    public static final List<Topic<?, ?>> PROCESSORS_INPUTS =
            List.of(Topics.FS_EVENTS, Topics.LOG_MOVES, Topics.TEMP_PURGES, Topics.POINTING_REQUESTS);

    /**
     * The Streams application of one host's processors: one per host, so that a host's events wait for its own
     * processors (docs/design.md, "Many hosts"); the instances of one host share its partitions.
     */
    public static Group processors(String hostId) {
        return new Group(PROCESSORS_PREFIX + hostId, PROCESSORS_INPUTS);
    }

    /** The host id of a processors' application id, or {@code null} for any other group. */
    public static String processorsHost(String groupId) {
        return groupId.startsWith(PROCESSORS_PREFIX) ? groupId.substring(PROCESSORS_PREFIX.length()) : null;
    }

    /**
     * The calibration application: one for the whole cluster, whatever the hosts, since the best file of a transit
     * and the start of a campaign need every host's observations in one place. Every host's processors command runs
     * an instance; they share its partitions, and one takes over another's. It reads its own output topic too, to
     * retract keys written before matches were per file.
     */
    public static final Group CALIBRATION =
            new Group("contimg-calibration", List.of(Topics.POINTING, Topics.CALIBRATOR_TRANSITS));

    /** The sink's writer of {@code pointing_history} and {@code calibrator_transits}. */
    public static final Group SINK = new Group("contimg-sink", List.of(Topics.POINTING, Topics.CALIBRATOR_TRANSITS));

    private ConsumerGroups() {}
}
