package org.dsa110.contimg.app.cli;

import java.time.Duration;
import org.dsa110.contimg.contract.config.PipelinePaths;
import org.dsa110.contimg.pointing.calibrators.TransitFinder;
import org.dsa110.contimg.processors.ProcessorsSettings;
import org.dsa110.contimg.processors.ThreadReplacements;
import picocli.CommandLine.Option;

/** How the processors act; the defaults are ProcessorsSettings.defaults (docs/design.md). */
public final class ProcessorOptions {

    @Option(
            names = "--temp-age",
            paramLabel = "SECONDS",
            defaultValue = "86400",
            description = "Idle time after which a temporary directory is purged (default ${DEFAULT-VALUE}).")
    long tempAgeSeconds;

    @Option(
            names = "--purge-interval",
            paramLabel = "SECONDS",
            defaultValue = "300",
            description = "How often kept purge candidates are checked again (default ${DEFAULT-VALUE}; new "
                    + "candidates and all candidates at start-up are checked at once).")
    long purgeIntervalSeconds;

    @Option(
            names = "--quiescence",
            paramLabel = "SECONDS",
            defaultValue = "5",
            description = "How long a log on another filesystem must be unchanged before it is copied "
                    + "(default ${DEFAULT-VALUE}).")
    long quiescenceSeconds;

    @Option(
            names = "--name-tolerance-days",
            paramLabel = "DAYS",
            defaultValue = "1",
            description = "How far a UVH5 header's time may be from the time in its file name before the file is "
                    + "rejected (default ${DEFAULT-VALUE}).")
    double nameToleranceDays;

    @Option(
            names = "--read-bound",
            paramLabel = "MILLISECONDS",
            defaultValue = "2000",
            description = "How long one read of a UVH5 file may hold a stream thread before it is abandoned and the "
                    + "file tried again later: a FIFO, a device or a hung mount never stops the log moves and purges "
                    + "beside it (default ${DEFAULT-VALUE}).")
    long readBoundMillis;

    @Option(
            names = "--max-thread-replacements",
            paramLabel = "N",
            defaultValue = "3",
            description = "How many failed stream threads are replaced within --thread-replacement-window before "
                    + "the processors stop, saying why, so systemd restarts them (default ${DEFAULT-VALUE}).")
    int maxThreadReplacements;

    @Option(
            names = "--thread-replacement-window",
            paramLabel = "SECONDS",
            defaultValue = "600",
            description = "How far back stream-thread replacements count (default ${DEFAULT-VALUE}).")
    long threadReplacementWindowSeconds;

    @Option(
            names = "--standby-replicas",
            paramLabel = "N",
            defaultValue = "0",
            description = "Warm copies of each task's state kept by this host's other processors instances, so a "
                    + "takeover restores nothing (num.standby.replicas; default ${DEFAULT-VALUE}).")
    int standbyReplicas;

    /**
     * @param host     this host's id ({@link HostOptions})
     * @param transits the calibrators the transit stage looks for ({@link CatalogOptions})
     */
    public ProcessorsSettings settings(PipelinePaths paths, String host, TransitFinder transits) {
        return ProcessorsSettings.defaults(paths, host)
                .withTempAge(Duration.ofSeconds(tempAgeSeconds))
                .withPurgeInterval(Duration.ofSeconds(purgeIntervalSeconds))
                .withQuiescence(Duration.ofSeconds(quiescenceSeconds))
                .withNameTolerance(Duration.ofSeconds(Math.round(nameToleranceDays * 86400)))
                .withThreadReplacements(new ThreadReplacements(
                        maxThreadReplacements, Duration.ofSeconds(threadReplacementWindowSeconds)))
                .withTransits(transits)
                .withStandbyReplicas(standbyReplicas)
                .withReadBound(Duration.ofMillis(readBoundMillis));
    }
}
