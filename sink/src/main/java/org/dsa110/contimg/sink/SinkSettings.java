package org.dsa110.contimg.sink;

import org.dsa110.contimg.contract.config.Membership;
import org.dsa110.contimg.pointing.calibrators.TransitFinder;
import org.dsa110.contimg.sink.http.StatusApi;
import org.dsa110.contimg.sink.status.MonitorSettings;

/**
 * How the sink runs, the three parts of it together: the pipeline monitor's settings (its database, status file,
 * intervals and watched directories), the writer's place in its group, and where the API serves and which
 * calibrators it draws upcoming transits from.
 *
 * @param monitor    the database, the status file, the intervals, the watched directories
 * @param membership static membership of the writer in {@code contimg-sink}, or {@code null} for a dynamic member
 * @param httpHost   the API's address ({@link StatusApi#DEFAULT_HOST}: loopback)
 * @param httpPort   the API's port (0 picks a free one)
 * @param transits   the catalog and least response of the upcoming transits the API lists
 */
public record SinkSettings(
        MonitorSettings monitor, Membership membership, String httpHost, int httpPort, TransitFinder transits) {

    /** The API on loopback at {@code httpPort}, the shipped catalog. */
    public static SinkSettings of(MonitorSettings monitor, Membership membership, int httpPort) {
        return new SinkSettings(monitor, membership, StatusApi.DEFAULT_HOST, httpPort, TransitFinder.defaults());
    }
}
