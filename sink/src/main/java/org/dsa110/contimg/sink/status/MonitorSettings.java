package org.dsa110.contimg.sink.status;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.dsa110.contimg.contract.config.HostName;
import org.dsa110.contimg.contract.config.PipelinePaths;
import org.dsa110.contimg.contract.status.StatusReporter;

/**
 * What the pointing monitor watches and where it reports.
 *
 * @param host           host name for the snapshot
 * @param watchDir       the incoming directory: the old status file's {@code watch_dir}
 * @param watchedDirs    directories whose absence or unreadability makes the pipeline unhealthy
 * @param productsDb     the pointing database
 * @param statusFile     {@code <state>/pointing-monitor-status.json}
 * @param statusInterval how often the status is written and published when nothing changes
 * @param checkInterval  how often the directories, the database and Kafka are checked (the status is written at
 *                       once when its issues change); at most the status interval
 * @param lagGroups      each consumer group whose lag is reported, with the topics it reads (the sink's own group
 *                       is always reported)
 */
public record MonitorSettings(
        String host,
        Path watchDir,
        List<Path> watchedDirs,
        Path productsDb,
        Path statusFile,
        Duration statusInterval,
        Duration checkInterval,
        Map<String, List<String>> lagGroups) {

    public static final Duration STATUS_INTERVAL = StatusReporter.DEFAULT_INTERVAL;
    /** The old monitor's systemd unit checked every 5 s; so does this one by default. */
    public static final Duration CHECK_INTERVAL = Duration.ofSeconds(5);

    public MonitorSettings {
        if (checkInterval.isNegative() || checkInterval.isZero()) {
            throw new IllegalArgumentException("the health-check interval must be positive, not " + checkInterval);
        }
    }

    /**
     * The telescope's layout: the data tree and the incoming directory are watched; the sink's lag is reported, and
     * every host's processors' lag on their inputs (found on the cluster: {@link ConsumerLag}).
     */
    public static MonitorSettings of(PipelinePaths paths) {
        var groups = new LinkedHashMap<String, List<String>>();
        return new MonitorSettings(
                HostName.local(),
                paths.incoming(),
                List.of(paths.root(), paths.incoming()),
                paths.productsDb(),
                paths.state().resolve(StatusFile.NAME),
                STATUS_INTERVAL,
                CHECK_INTERVAL,
                Collections.unmodifiableMap(groups));
    }

    public MonitorSettings withStatusInterval(Duration interval) {
        return new MonitorSettings(
                host, watchDir, watchedDirs, productsDb, statusFile, interval, checkInterval, lagGroups);
    }

    /** How often the directories, the database and Kafka are checked ({@code --health-check-interval}). */
    public MonitorSettings withCheckInterval(Duration interval) {
        return new MonitorSettings(
                host, watchDir, watchedDirs, productsDb, statusFile, statusInterval, interval, lagGroups);
    }

    /** Where the status JSON goes ({@code --status-file}). */
    public MonitorSettings withStatusFile(Path file) {
        return new MonitorSettings(
                host, watchDir, watchedDirs, productsDb, file, statusInterval, checkInterval, lagGroups);
    }

    /**
     * Without checks of this host's directories: for a sink on a host that holds no tree ({@code --no-local-tree});
     * each host's producer reports its own directories in its status, and the monitor shows them.
     */
    public MonitorSettings withoutLocalTree() {
        return new MonitorSettings(
                host, watchDir, List.of(), productsDb, statusFile, statusInterval, checkInterval, lagGroups);
    }

    public MonitorSettings withLagGroups(Map<String, List<String>> groups) {
        return new MonitorSettings(
                host,
                watchDir,
                watchedDirs,
                productsDb,
                statusFile,
                statusInterval,
                checkInterval,
                Collections.unmodifiableMap(new LinkedHashMap<>(groups)));
    }
}
