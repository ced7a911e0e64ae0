package org.dsa110.contimg.processors;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
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
        return new ProcessorsSettings(
                paths,
                PurgeRule.defaults(paths, age),
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

    public ProcessorsSettings withPurgeInterval(Duration interval) {
        return new ProcessorsSettings(
                paths,
                purgeRules,
                interval,
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

    public ProcessorsSettings withQuiescence(Duration period) {
        return new ProcessorsSettings(
                paths,
                purgeRules,
                purgeInterval,
                period,
                nameTolerance,
                host,
                retryBackoff,
                threadReplacements,
                transits,
                statusInterval,
                standbyReplicas,
                readBound);
    }

    public ProcessorsSettings withNameTolerance(Duration tolerance) {
        return new ProcessorsSettings(
                paths,
                purgeRules,
                purgeInterval,
                quiescence,
                tolerance,
                host,
                retryBackoff,
                threadReplacements,
                transits,
                statusInterval,
                standbyReplicas,
                readBound);
    }

    public ProcessorsSettings withRetryBackoff(List<Duration> delays) {
        return new ProcessorsSettings(
                paths,
                purgeRules,
                purgeInterval,
                quiescence,
                nameTolerance,
                host,
                delays,
                threadReplacements,
                transits,
                statusInterval,
                standbyReplicas,
                readBound);
    }

    public ProcessorsSettings withThreadReplacements(ThreadReplacements replacements) {
        return new ProcessorsSettings(
                paths,
                purgeRules,
                purgeInterval,
                quiescence,
                nameTolerance,
                host,
                retryBackoff,
                replacements,
                transits,
                statusInterval,
                standbyReplicas,
                readBound);
    }

    public ProcessorsSettings withTransits(TransitFinder finder) {
        return new ProcessorsSettings(
                paths,
                purgeRules,
                purgeInterval,
                quiescence,
                nameTolerance,
                host,
                retryBackoff,
                threadReplacements,
                finder,
                statusInterval,
                standbyReplicas,
                readBound);
    }

    public ProcessorsSettings withStatusInterval(Duration interval) {
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
                interval,
                standbyReplicas,
                readBound);
    }

    /** The shipped catalog, read once per JVM however many settings are made. */
    private static final class DefaultTransits {
        static final TransitFinder FINDER = TransitFinder.defaults();
    }

    /** With {@code n} standby replicas of each task's state ({@code --standby-replicas}). */
    public ProcessorsSettings withStandbyReplicas(int n) {
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
                n,
                readBound);
    }

    /** Waiting at most {@code bound} for one read of a UVH5 file ({@code --read-bound}). */
    public ProcessorsSettings withReadBound(Duration bound) {
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
                bound);
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
