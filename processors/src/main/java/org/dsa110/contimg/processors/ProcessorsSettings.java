package org.dsa110.contimg.processors;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.dsa110.contimg.contract.config.PipelinePaths;
import org.dsa110.contimg.contract.status.ComponentId;
import org.dsa110.contimg.contract.status.StatusReporter;
import org.dsa110.contimg.pointing.calibrators.TransitFinder;
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
 * @param retryBackoff  delays before the 2nd, 3rd, ... tries of a UVH5 file that cannot be read yet
 * @param threadReplacements how often a failed stream thread is replaced before the processors stop
 * @param transits      which calibrators each observation saw transit (catalog, beam, minimum response)
 * @param statusInterval how often the processors' status is published when nothing changes
 * @param standbyReplicas warm copies of each task's state kept by the host's other instances
 *                       ({@code num.standby.replicas}), so a takeover restores nothing
 * @param readBound     how long the stream thread waits for one read of a UVH5 file before it abandons the read
 *                      and tries the file again later ({@code BoundedReads})
 */
public record ProcessorsSettings(
        PipelinePaths paths,
        List<PurgeRule> purgeRules,
        Duration purgeInterval,
        Duration quiescence,
        Duration nameTolerance,
        String host,
        List<Duration> retryBackoff,
        ThreadReplacements threadReplacements,
        TransitFinder transits,
        Duration statusInterval,
        int standbyReplicas,
        Duration readBound) {

    public static final Duration DEFAULT_TEMP_AGE = Duration.ofHours(24);
    public static final Duration DEFAULT_PURGE_INTERVAL = Duration.ofMinutes(5);
    public static final Duration DEFAULT_QUIESCENCE = Duration.ofSeconds(5);
    public static final Duration DEFAULT_NAME_TOLERANCE = Duration.ofDays(1);
    /**
     * A header read takes milliseconds (docs/performance.md, extraction); seconds leave room for a loaded host and a
     * slow mount while a file that blocks holds the log moves and purges of its partition back no longer than this.
     */
    public static final Duration DEFAULT_READ_BOUND = Duration.ofSeconds(2);
    /** 5 tries over 1 min 55 s: a file the correlator is still writing gets about two minutes. */
    public static final List<Duration> DEFAULT_RETRY_BACKOFF =
            List.of(Duration.ofSeconds(10), Duration.ofSeconds(20), Duration.ofSeconds(35), Duration.ofSeconds(50));

    public ProcessorsSettings {
        if (readBound.isNegative() || readBound.isZero()) {
            throw new IllegalArgumentException("the read bound must be positive: " + readBound);
        }
        if (standbyReplicas < 0) {
            throw new IllegalArgumentException("standby replicas cannot be negative: " + standbyReplicas);
        }
        purgeRules = List.copyOf(purgeRules);
        retryBackoff = List.copyOf(retryBackoff);
    }

    public static ProcessorsSettings defaults(PipelinePaths paths, String host) {
        return new ProcessorsSettings(
                paths,
                PurgeRule.defaults(paths, DEFAULT_TEMP_AGE),
                DEFAULT_PURGE_INTERVAL,
                DEFAULT_QUIESCENCE,
                DEFAULT_NAME_TOLERANCE,
                host,
                DEFAULT_RETRY_BACKOFF,
                ThreadReplacements.DEFAULT,
                DefaultTransits.FINDER,
                StatusReporter.DEFAULT_INTERVAL,
                0,
                DEFAULT_READ_BOUND);
    }

    public ProcessorsSettings withTempAge(Duration age) {
        return with(f -> f.purgeRules = PurgeRule.defaults(paths, age));
    }

    public ProcessorsSettings withPurgeInterval(Duration interval) {
        return with(f -> f.purgeInterval = interval);
    }

    public ProcessorsSettings withQuiescence(Duration period) {
        return with(f -> f.quiescence = period);
    }

    public ProcessorsSettings withNameTolerance(Duration tolerance) {
        return with(f -> f.nameTolerance = tolerance);
    }

    public ProcessorsSettings withRetryBackoff(List<Duration> delays) {
        return with(f -> f.retryBackoff = delays);
    }

    public ProcessorsSettings withThreadReplacements(ThreadReplacements replacements) {
        return with(f -> f.threadReplacements = replacements);
    }

    public ProcessorsSettings withTransits(TransitFinder finder) {
        return with(f -> f.transits = finder);
    }

    public ProcessorsSettings withStatusInterval(Duration interval) {
        return with(f -> f.statusInterval = interval);
    }

    /** The shipped catalog, read once per JVM however many settings are made. */
    private static final class DefaultTransits {
        static final TransitFinder FINDER = TransitFinder.defaults();
    }

    /** With {@code n} standby replicas of each task's state ({@code --standby-replicas}). */
    public ProcessorsSettings withStandbyReplicas(int n) {
        return with(f -> f.standbyReplicas = n);
    }

    /** Waiting at most {@code bound} for one read of a UVH5 file ({@code --read-bound}). */
    public ProcessorsSettings withReadBound(Duration bound) {
        return with(f -> f.readBound = bound);
    }

    /** The withers' one copy: these settings with {@code change} made to a copy of their fields. */
    private ProcessorsSettings with(Consumer<Fields> change) {
        var fields = new Fields(this);
        change.accept(fields);
        return fields.settings();
    }

    /** The fields of a {@link ProcessorsSettings}, to change one. */
    private static final class Fields {
        PipelinePaths paths;
        List<PurgeRule> purgeRules;
        Duration purgeInterval;
        Duration quiescence;
        Duration nameTolerance;
        String host;
        List<Duration> retryBackoff;
        ThreadReplacements threadReplacements;
        TransitFinder transits;
        Duration statusInterval;
        int standbyReplicas;
        Duration readBound;

        Fields(ProcessorsSettings settings) {
            paths = settings.paths;
            purgeRules = settings.purgeRules;
            purgeInterval = settings.purgeInterval;
            quiescence = settings.quiescence;
            nameTolerance = settings.nameTolerance;
            host = settings.host;
            retryBackoff = settings.retryBackoff;
            threadReplacements = settings.threadReplacements;
            transits = settings.transits;
            statusInterval = settings.statusInterval;
            standbyReplicas = settings.standbyReplicas;
            readBound = settings.readBound;
        }

        ProcessorsSettings settings() {
            return new ProcessorsSettings(
                    paths,
                    purgeRules,
                    purgeInterval,
                    quiescence,
                    nameTolerance,
                    host,
                    retryBackoff,
                    threadReplacements,
                    transits,
                    statusInterval,
                    standbyReplicas,
                    readBound);
        }
    }

    public String componentId() {
        return ComponentId.processors(host);
    }

    /** The roots every action must stay inside, whatever a record says: the watched roots and the archives. */
    public List<Path> roots() {
        var roots = new ArrayList<>(List.of(paths.root(), paths.incoming(), paths.scratch()));
        roots.addAll(paths.archives());
        return List.copyOf(roots);
    }
}
