package org.dsa110.contimg.app.cli;

import org.dsa110.contimg.contract.config.HostId;
import picocli.CommandLine.Option;

/** Which host's tree this process watches or acts on ({@link HostId}). */
public final class HostOptions {

    @Option(
            names = "--host-id",
            paramLabel = "ID",
            description = "This host's id: the producer stamps it on every event, and only the processors with the "
                    + "same id act on those events (their application contimg-processors.ID); the same on a host's "
                    + "producer and processors, different on every host (default: " + HostId.ENV
                    + ", else the host name).")
    String hostId;

    public String resolve() {
        return HostId.resolve(hostId, System.getenv());
    }
}
