package org.dsa110.contimg.contract.metrics;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.dsa110.contimg.contract.OneLine;
import org.dsa110.contimg.contract.service.DaemonThreads;
import org.dsa110.contimg.contract.service.Service;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /metrics} of one service on a port of its own ({@code --metrics-port} of {@code contimg producer} and
 * {@code contimg processors}), for Prometheus to scrape; anything else is a 404. Reads nothing but the registry and
 * writes nothing. The sink serves the same answer on its HTTP API ({@link #respond}).
 */
public final class MetricsServer implements Service {

    private static final Logger log = LoggerFactory.getLogger(MetricsServer.class);

    private final String host;
    private final int port;
    private final PrometheusMetrics metrics;
    private final ExecutorService executor = Executors.newSingleThreadExecutor(DaemonThreads.named("contimg-metrics"));
    private HttpServer server;

    /** Serves {@code metrics} on {@code host:port} once started (port 0 picks a free one). */
    public MetricsServer(String host, int port, PrometheusMetrics metrics) {
        this.host = host;
        this.port = port;
        this.metrics = metrics;
    }

    /**
     * Binds and starts serving.
     *
     * @throws IOException naming the address when it cannot be bound
     */
    @Override
    public void start() throws IOException {
        try {
            server = HttpServer.create(new InetSocketAddress(host, port), 8);
        } catch (IOException e) {
            throw new IOException("cannot serve metrics on " + host + ":" + port + ": " + OneLine.of(e), e);
        }
        server.setExecutor(executor);
        server.createContext("/", exchange -> {
            try (exchange) {
                if (exchange.getRequestURI().getPath().equals("/metrics")
                        && "GET".equals(exchange.getRequestMethod())) {
                    respond(exchange, metrics);
                } else {
                    exchange.sendResponseHeaders(404, -1);
                }
            }
        });
        server.start();
    }

    /** Answers a {@code GET /metrics} with every series of {@code metrics}; a failure is logged, not thrown. */
    public static void respond(HttpExchange exchange, PrometheusMetrics metrics) {
        try {
            byte[] text = metrics.scrape().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", PrometheusMetrics.CONTENT_TYPE);
            exchange.sendResponseHeaders(200, text.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(text);
            }
        } catch (IOException | RuntimeException e) {
            log.warn("Could not serve /metrics: {}", OneLine.of(e));
        }
    }

    @Override
    public String name() {
        return "metrics";
    }

    @Override
    public String describe() {
        return "metrics at " + url();
    }

    /** {@code http://host:port/metrics}. */
    public String url() {
        return "http://" + server.getAddress().getHostString() + ":"
                + server.getAddress().getPort() + "/metrics";
    }

    @Override
    public void close() {
        if (server != null) {
            server.stop(0);
        }
        executor.shutdownNow();
    }
}
