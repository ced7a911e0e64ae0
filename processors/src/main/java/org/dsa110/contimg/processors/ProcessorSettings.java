package org.dsa110.contimg.processors;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.dsa110.contimg.events.config.PipelinePaths;
import org.dsa110.contimg.processors.purge.PurgeRule;

/**
 * How the processors act.
 *
 * @param paths         the data root, incoming, scratch and log directories
 * @param purgeRules    the purge table
 * @param purgeInterval how often purge candidates are checked (the first check comes right after start-up)
 * @param quiescence    how long a log must be unchanged before it is copied to another filesystem
 * @param nameTolerance how far a UVH5 header's time may be from the time in its file name
 * @param host          this host, for the component id {@code processors@<host>}
 */
public record ProcessorSettings(PipelinePaths paths, List<PurgeRule> purgeRules, Duration purgeInterval,
                                Duration quiescence, Duration nameTolerance, String host) {

    public static final Duration DEFAULT_TEMP_AGE = Duration.ofHours(24);
    public static final Duration DEFAULT_PURGE_INTERVAL = Duration.ofMinutes(5);
    public static final Duration DEFAULT_QUIESCENCE = Duration.ofSeconds(5);
    public static final Duration DEFAULT_NAME_TOLERANCE = Duration.ofDays(1);

    public ProcessorSettings {
        purgeRules = List.copyOf(purgeRules);
    }

    public static ProcessorSettings defaults(PipelinePaths paths, String host) {
        return new ProcessorSettings(paths, PurgeRule.defaults(paths, DEFAULT_TEMP_AGE), DEFAULT_PURGE_INTERVAL,
                DEFAULT_QUIESCENCE, DEFAULT_NAME_TOLERANCE, host);
    }

    public ProcessorSettings withTempAge(Duration age) {
        return new ProcessorSettings(paths, PurgeRule.defaults(paths, age), purgeInterval, quiescence, nameTolerance,
                host);
    }

    public ProcessorSettings withPurgeInterval(Duration interval) {
        return new ProcessorSettings(paths, purgeRules, interval, quiescence, nameTolerance, host);
    }

    public ProcessorSettings withQuiescence(Duration period) {
        return new ProcessorSettings(paths, purgeRules, purgeInterval, period, nameTolerance, host);
    }

    public ProcessorSettings withNameTolerance(Duration tolerance) {
        return new ProcessorSettings(paths, purgeRules, purgeInterval, quiescence, tolerance, host);
    }

    public String componentId() {
        return "processors@" + host;
    }

    /** The roots every action must stay inside, whatever a record says. */
    public List<Path> roots() {
        return List.of(paths.root(), paths.incoming(), paths.scratch());
    }
}
