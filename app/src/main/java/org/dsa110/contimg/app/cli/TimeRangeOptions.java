package org.dsa110.contimg.app.cli;

import java.time.Instant;
import org.dsa110.contimg.contract.Mjd;
import picocli.CommandLine.Option;

/** {@code --since} and {@code --until}: the time range of the commands that read the products database. */
public final class TimeRangeOptions {

    @Option(
            names = "--since",
            paramLabel = "TIME",
            converter = UtcTime.class,
            description = "From this UTC time (2025-11-04 or 2025-11-04T10:15:00).")
    Instant since;

    @Option(names = "--until", paramLabel = "TIME", converter = UtcTime.class, description = "Before this UTC time.")
    Instant until;

    /** The start as an MJD; 0 (all of the history) when not given. */
    public double startMjd() {
        return since == null ? 0 : Mjd.of(since);
    }

    /** The end as an MJD; no end when not given. */
    public double endMjd() {
        return until == null ? Double.MAX_VALUE : Mjd.of(until);
    }

    /** The start as an MJD, {@code -Infinity} when not given: a timeline from the data's own start. */
    public double startOrOpen() {
        return since == null ? Double.NEGATIVE_INFINITY : Mjd.of(since);
    }

    /** The end as an MJD, {@code +Infinity} when not given. */
    public double endOrOpen() {
        return until == null ? Double.POSITIVE_INFINITY : Mjd.of(until);
    }

    public boolean given() {
        return since != null || until != null;
    }
}
