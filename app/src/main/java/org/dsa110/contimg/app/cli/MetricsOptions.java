package org.dsa110.contimg.app.cli;

import java.io.PrintWriter;
import org.dsa110.contimg.contract.metrics.MetricsServer;
import org.dsa110.contimg.contract.metrics.PrometheusMetrics;
import org.dsa110.contimg.contract.service.Services;
import picocli.CommandLine.Option;

/**
 * Where a service serves {@code GET /metrics} for Prometheus: loopback, on a port of its own by default
 * ({@link #PRODUCER_PORT}, {@link #PROCESSORS_PORT}) so the services of one host never clash; the sink's series are
 * on its HTTP API as well ({@code contimg up}: everything there).
 */
public final class MetricsOptions {

    public static final int PRODUCER_PORT = 9401;
    public static final int PROCESSORS_PORT = 9402;

    @Option(
            names = "--metrics-host",
            paramLabel = "ADDRESS",
            defaultValue = "${env:CONTIMG_METRICS_HOST:-127.0.0.1}",
            description = "Address GET /metrics binds to (env CONTIMG_METRICS_HOST, default ${DEFAULT-VALUE}).")
    String host;

    @Option(
            names = "--metrics-port",
            paramLabel = "PORT",
            defaultValue = "${env:CONTIMG_METRICS_PORT}",
            description = "Port of GET /metrics in Prometheus's text format (env CONTIMG_METRICS_PORT; default "
                    + PRODUCER_PORT + " for the producer, " + PROCESSORS_PORT + " for the processors, none for the "
                    + "sink, whose metrics are on its HTTP API; 0: none).")
    Integer port;

    /**
     * Starts serving this command's metrics among {@code services} (so it stops last), unless they are off.
     *
     * @param commandDefault the command's port when neither the flag nor the environment gives one (0: none)
     * @return the registry the command's services add their series to, or {@code null} when the command serves
     *     none (its services then keep no registry)
     */
    public PrometheusMetrics start(String command, int commandDefault, Services services, PrintWriter out)
            throws Exception {
        // Not closed: it lives as long as the command's JVM, and closing only unhooks the GC listeners.
        var metrics = new PrometheusMetrics(command);
        MetricsServer server = server(metrics, commandDefault);
        if (server == null) {
            return null;
        }
        services.start(server);
        out.println("contimg " + command + ": " + server.describe());
        return metrics;
    }

    /**
     * The server of this command's metrics, or {@code null} when it serves none.
     *
     * @param commandDefault the command's port when neither the flag nor the environment gives one (0: none)
     */
    public MetricsServer server(PrometheusMetrics metrics, int commandDefault) {
        int chosen = port != null ? port : commandDefault;
        if (chosen < 0 || chosen > 65535) {
            throw new IllegalArgumentException("--metrics-port " + chosen + " is not a port (0 to 65535; 0: none)");
        }
        return chosen == 0 ? null : new MetricsServer(host, chosen, metrics);
    }
}
