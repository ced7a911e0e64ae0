package org.dsa110.contimg.app.cli;

import java.time.Duration;
import org.dsa110.contimg.contract.status.StatusReporter;
import picocli.CommandLine.Option;

/** How often a service reports its status: one setting, the same for the producer, the processors and the sink. */
public final class StatusOptions {

    @Option(
            names = "--status-interval",
            paramLabel = "SECONDS",
            defaultValue = "" + StatusReporter.DEFAULT_INTERVAL_SECONDS,
            description = "How often the status is published to contimg.status (and the sink's status file "
                    + "rewritten) when nothing changes (default ${DEFAULT-VALUE}); a change of health is reported at "
                    + "once. Under contimg up, for every service.")
    long statusIntervalSeconds;

    public Duration interval() {
        return Duration.ofSeconds(statusIntervalSeconds);
    }
}
