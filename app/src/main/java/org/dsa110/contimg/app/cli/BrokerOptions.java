package org.dsa110.contimg.app.cli;

import java.nio.file.Path;
import org.dsa110.contimg.broker.LocalBroker;
import picocli.CommandLine.Option;

/** Where the embedded broker listens. */
public final class BrokerOptions {

    @Option(
            names = "--kafka-port",
            paramLabel = "PORT",
            defaultValue = "9092",
            description = "Port of the embedded broker's client listener (default ${DEFAULT-VALUE}).")
    int port;

    @Option(
            names = "--controller-port",
            paramLabel = "PORT",
            description = "Port of the embedded broker's KRaft controller listener (default --kafka-port + 1).")
    Integer controllerPort;

    @Option(
            names = "--kafka-host",
            paramLabel = "ADDRESS",
            defaultValue = "127.0.0.1",
            description = "Address the embedded broker binds to (default ${DEFAULT-VALUE}: loopback only).")
    String host;

    public LocalBroker.Options options(Path dir) {
        return new LocalBroker.Options(dir, host, port, controllerPort());
    }

    int controllerPort() {
        return controllerPort != null ? controllerPort : port + 1;
    }

    String host() {
        return host;
    }

    int port() {
        return port;
    }
}
