package org.dsa110.contimg.processors.kernel;

import org.dsa110.contimg.contract.FileEvent;

/**
 * Which records are this host's to act on: those whose event was seen by this host's producer. Every host's
 * processors are their own Streams application reading the shared topics (docs/design.md, "Many hosts"), so each
 * passes over the other hosts' records without acting on them; those wait, in Kafka, for their own host's
 * processors. A record that names no host cannot be placed: one read from a topic never gets here (the registry's
 * serdes refuse it and it is dead-lettered, {@code Topics}); one made otherwise is counted as dropped
 * ({@value #NO_HOST}).
 */
public final class HostAffinity {

    /** The drop reason of a record without an event or a host: no host's processors can act on it. */
    public static final String NO_HOST = "no host";

    private final String host;
    private final ProcessorsMetrics metrics;

    public HostAffinity(String host, ProcessorsMetrics metrics) {
        this.host = host;
        this.metrics = metrics;
    }

    /** Whether {@code event} is this host's; one without a host is counted as dropped. */
    public boolean owns(FileEvent event) {
        if (event == null || event.host() == null) {
            metrics.dropped(NO_HOST);
            return false;
        }
        return host.equals(event.host());
    }

    public String host() {
        return host;
    }
}
