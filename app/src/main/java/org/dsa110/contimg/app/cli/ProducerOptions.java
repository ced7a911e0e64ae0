package org.dsa110.contimg.app.cli;

import java.time.Duration;
import java.util.List;
import org.dsa110.contimg.contract.config.PipelinePaths;
import org.dsa110.contimg.producer.IncludeFilter;
import org.dsa110.contimg.producer.ProducerSettings;
import picocli.CommandLine.Option;

/** How the producer watches; the defaults are ProducerSettings.defaults (docs/design.md). */
public final class ProducerOptions {

    @Option(
            names = "--include",
            paramLabel = "GLOB",
            description = "Publish only paths whose file name matches (repeatable; default: the processors' "
                    + "patterns casa-*.log, TMPPOINTING*, stream_*, *_sb00.hdf5, and entries of <scratch>/tmp).")
    List<String> include;

    @Option(names = "--publish-all", description = "Publish every path, not only the processors' patterns.")
    boolean publishAll;

    @Option(names = "--poll", description = "Do not use inotify (network filesystems): scan every --poll-interval.")
    boolean poll;

    @Option(
            names = "--poll-interval",
            paramLabel = "SECONDS",
            defaultValue = "60",
            description = "Full-scan period without live watching (default ${DEFAULT-VALUE}).")
    long pollIntervalSeconds;

    @Option(
            names = "--watch-retry-interval",
            paramLabel = "SECONDS",
            defaultValue = "300",
            description = "After live watching failed (inotify limits), how often it is tried again, until it works "
                    + "(default ${DEFAULT-VALUE}); a rescan then covers the switch.")
    long watchRetrySeconds;

    @Option(
            names = "--rescan-interval",
            paramLabel = "SECONDS",
            defaultValue = "300",
            description = "Full-rescan period under live watching (default ${DEFAULT-VALUE}; every 60 s while CASA "
                    + "logs are found still in place). A rescan publishes only what is new or changed.")
    long rescanIntervalSeconds;

    @Option(
            names = "--coalesce-ms",
            paramLabel = "MS",
            defaultValue = "250",
            description = "Merge events for one path within this window (default ${DEFAULT-VALUE}; 0 disables).")
    long coalesceMillis;

    /** @param host this host's id ({@link HostOptions}) */
    public ProducerSettings settings(PipelinePaths paths, String host) {
        var settings = ProducerSettings.defaults(paths, host)
                .withRescanIntervals(Duration.ofSeconds(rescanIntervalSeconds))
                .withPolling(poll, Duration.ofSeconds(pollIntervalSeconds))
                .withWatchRetryInterval(Duration.ofSeconds(watchRetrySeconds))
                .withCoalesceWindow(Duration.ofMillis(coalesceMillis));
        if (publishAll) {
            return settings.withFilter(IncludeFilter.everything());
        }
        if (include != null && !include.isEmpty()) {
            return settings.withFilter(IncludeFilter.of(include, paths));
        }
        return settings;
    }
}
