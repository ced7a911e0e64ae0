package org.dsa110.contimg.sink.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;
import org.dsa110.contimg.contract.OneLine;
import org.dsa110.contimg.contract.json.Json;
import org.dsa110.contimg.contract.metrics.MetricsServer;
import org.dsa110.contimg.contract.metrics.PrometheusMetrics;
import org.dsa110.contimg.contract.service.DaemonThreads;
import org.dsa110.contimg.contract.service.Service;
import org.dsa110.contimg.pointing.calibrators.TransitFinder;
import org.dsa110.contimg.sink.store.PointingAnalysis;
import org.dsa110.contimg.sink.store.PointingHistory;
import org.dsa110.contimg.sink.store.TransitHistory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP API the old monitor served, and the dashboard that reads it ({@code GET /}, {@link DashboardAssets}), on
 * the JDK's HTTP server, GET only:
 * <ul>
 *   <li>{@code /api/pointing-monitor/status}: the status file as written, plus {@code status_file_age_seconds} and
 *       {@code stale} (older than {@link #STALE});</li>
 *   <li>{@code /api/pointing_history?start_mjd=&end_mjd=&limit=&time_interval_hours=}: rows of
 *       {@code pointing_history} in time order, as {@code {"items": [...]}}, one per interval with
 *       {@code time_interval_hours} ({@link HistoryQuery});</li>
 *   <li>{@code /api/calibrator_transits?start_mjd=&end_mjd=&name=&min_response=&limit=}: rows of
 *       {@code calibrator_transits} in time order ({@link TransitQuery});</li>
 *   <li>{@code /api/calibrator_transits/upcoming?hours=&min_response=}: the transits to come at the latest
 *       pointing's declination ({@link UpcomingQuery});</li>
 *   <li>{@code /api/pointing/campaigns?start_mjd=&end_mjd=&jump_threshold_deg=&gap_hours=}: the declination
 *       campaigns ({@link CampaignQuery});</li>
 *   <li>{@code /api/pointing/sky_coverage?start_mjd=&end_mjd=&nside=}: exposure per HEALPix cell
 *       ({@link CoverageQuery});</li>
 *   <li>{@code /api/pointing/data_coverage?start_mjd=&end_mjd=&merge_s=}: the stretches with data and the gaps
 *       ({@link DataCoverageQuery});</li>
 *   <li>{@code /api/pointing/best-calibrator?dec_deg=&hours=}: the calibrator to observe
 *       ({@link BestCalibratorQuery});</li>
 *   <li>{@code /api/calibrators/{name}/transits?next=&limit=}: one calibrator's next transits and past matches
 *       ({@link CalibratorQuery});</li>
 *   <li>{@code /metrics} (when the service exports metrics, {@link #withMetrics}): Prometheus's text format;</li>
 *   <li>{@code /healthz}: 200 when the status file is fresh and says healthy, 503 otherwise.</li>
 * </ul>
 * Every answer is JSON; a bad request gets a 400 with a one-line {@code error}, never a stack trace. It reads the
 * status file and the database (read-only) and writes nothing.
 */
public final class StatusApi implements Service {

    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final int DEFAULT_PORT = 8000;
    static final Duration STALE = Duration.ofSeconds(120);
    /** The longest {@code error} an answer carries. */
    static final int MAX_ERROR = 400;

    private static final Logger log = LoggerFactory.getLogger(StatusApi.class);

    private final String host;
    private final int port;
    private final Path statusFile;
    private final HistoryQuery history;
    private final TransitQuery transits;
    private final UpcomingQuery upcoming;
    private final CampaignQuery campaigns;
    private final CoverageQuery coverage;
    private final BestCalibratorQuery best;
    private final DataCoverageQuery dataCoverage;
    private final CalibratorQuery calibrators;
    private final Clock clock;
    /** The API's paths, in the order its description lists them, each with what answers it (given the query). */
    private final Map<String, Function<String, Answer>> routes = new LinkedHashMap<>();

    private final ExecutorService executor = Executors.newFixedThreadPool(2, DaemonThreads.named("contimg-http"));
    private HttpServer server;
    /** {@code GET /metrics}, or {@code null} when this server exports none. */
    private volatile PrometheusMetrics metrics;

    /**
     * Serves on {@code host:port} once started (port 0 picks a free one).
     *
     * @param finder the catalog and least response of the upcoming transits
     */
    public StatusApi(
            String host, int port, Path statusFile, PointingHistory history, TransitFinder finder, Clock clock) {
        this.host = host;
        this.port = port;
        this.statusFile = statusFile;
        this.history = new HistoryQuery(history, clock);
        this.transits = new TransitQuery(new TransitHistory(history.database()));
        var analysis = new PointingAnalysis(history);
        this.upcoming = new UpcomingQuery(analysis, finder, clock);
        this.campaigns = new CampaignQuery(analysis);
        this.coverage = new CoverageQuery(analysis);
        this.best = new BestCalibratorQuery(analysis, finder, clock);
        this.dataCoverage = new DataCoverageQuery(analysis);
        this.calibrators = new CalibratorQuery(analysis, finder, new TransitHistory(history.database()), clock);
        this.clock = clock;
        routes.put("/api/pointing-monitor/status", query -> status());
        routes.put("/api/pointing_history", this.history::answer);
        routes.put("/api/calibrator_transits", transits::answer);
        routes.put("/api/calibrator_transits/upcoming", upcoming::answer);
        routes.put("/api/pointing/campaigns", campaigns::answer);
        routes.put("/api/pointing/sky_coverage", coverage::answer);
        routes.put("/api/pointing/best-calibrator", best::answer);
        routes.put("/api/pointing/data_coverage", dataCoverage::answer);
        routes.put("/healthz", query -> health());
    }

    /** The API's paths (not the dashboard's files, nor {@code /metrics}). */
    List<String> resources() {
        var all = new ArrayList<>(routes.keySet());
        all.add(CalibratorQuery.PATH);
        return List.copyOf(all);
    }

    /** Serves {@code GET /metrics}: every series of {@code metrics}, in Prometheus's text format. */
    public StatusApi withMetrics(PrometheusMetrics metrics) {
        this.metrics = metrics;
        return this;
    }

    /**
     * Binds and starts serving.
     *
     * @throws IOException naming the address when it cannot be bound
     */
    @Override
    public void start() throws IOException {
        try {
            server = HttpServer.create(new InetSocketAddress(host, port), 16);
        } catch (IOException e) {
            throw new IOException("cannot serve the HTTP API on " + host + ":" + port + ": " + OneLine.of(e), e);
        }
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    @Override
    public String name() {
        return "HTTP API";
    }

    @Override
    public String describe() {
        return "dashboard at " + url() + "/, API at " + url() + " (GET " + String.join(", ", resources()) + ")";
    }

    public InetSocketAddress address() {
        return server.getAddress();
    }

    /** {@code http://host:port}, for people to click. */
    public String url() {
        return "http://" + server.getAddress().getHostString() + ":"
                + server.getAddress().getPort();
    }

    private void handle(HttpExchange exchange) {
        String path = exchange.getRequestURI().getPath();
        if (path.equals("/metrics") && metrics != null && "GET".equals(exchange.getRequestMethod())) {
            try (exchange) {
                MetricsServer.respond(exchange, metrics);
            }
            return;
        }
        if (DashboardAssets.serves(path) && "GET".equals(exchange.getRequestMethod())) {
            try (exchange) {
                sendAsset(exchange, DashboardAssets.asset(path));
            } catch (IOException | RuntimeException e) {
                log.debug("Could not serve {}: {}", path, OneLine.of(e));
            }
            return;
        }
        try (exchange) {
            Answer answer;
            try {
                answer = route(exchange);
            } catch (RuntimeException e) {
                log.error(
                        "HTTP {} {} failed: {}",
                        exchange.getRequestMethod(),
                        exchange.getRequestURI(),
                        OneLine.of(e),
                        e);
                answer = Answer.error(500, "internal error: " + OneLine.of(e));
            }
            send(exchange, answer);
        } catch (IOException e) {
            log.debug("Could not answer {}: {}", exchange.getRequestURI(), OneLine.of(e)); // the client went away
        }
    }

    private Answer route(HttpExchange exchange) {
        String path = exchange.getRequestURI().getPath();
        Function<String, Answer> answer = routes.get(path);
        if (answer == null) {
            answer = calibrators.route(path);
        }
        if (answer == null && !DashboardAssets.serves(path)) {
            return Answer.error(404, "no such resource: " + path + " (try " + String.join(", ", resources()) + ")");
        }
        if (!"GET".equals(exchange.getRequestMethod())) {
            exchange.getResponseHeaders().set("Allow", "GET");
            return Answer.error(405, exchange.getRequestMethod() + " is not allowed: this API is read-only (GET)");
        }
        // Only a dashboard file has no route, and a GET of one was served before routing.
        return answer == null ? health() : answer.apply(exchange.getRequestURI().getRawQuery());
    }

    /** The status file's content with its age; a missing or unreadable file is reported the old API's way. */
    private Answer status() {
        try {
            byte[] content = Files.readAllBytes(statusFile);
            Instant modified = Files.getLastModifiedTime(statusFile).toInstant();
            ObjectNode status = (ObjectNode) Json.mapper().readTree(content);
            double age = Duration.between(modified, clock.instant()).toMillis() / 1000.0;
            status.put("status_file_age_seconds", Math.round(age * 10) / 10.0);
            status.put("stale", age > STALE.toSeconds());
            return new Answer(200, status);
        } catch (NoSuchFileException e) {
            return notRunning("status file " + statusFile + " does not exist: the monitor has not run here");
        } catch (JsonProcessingException | ClassCastException e) {
            return notRunning("status file " + statusFile + " is not a JSON object");
        } catch (IOException e) {
            return notRunning("cannot read status file " + statusFile + ": " + OneLine.of(e));
        }
    }

    private static Answer notRunning(String error) {
        var body = new LinkedHashMap<String, Object>();
        body.put("running", false);
        body.put("healthy", false);
        body.put("error", error);
        return new Answer(503, body);
    }

    private Answer health() {
        Answer status = status();
        if (status.code() != 200) {
            return status;
        }
        ObjectNode content = (ObjectNode) status.body();
        boolean healthy = content.path("healthy").asBoolean(false)
                && content.path("running").asBoolean(false)
                && !content.path("stale").asBoolean(true);
        var body = new LinkedHashMap<String, Object>();
        body.put("healthy", healthy);
        body.put("running", content.path("running").asBoolean(false));
        body.put("stale", content.path("stale").asBoolean(true));
        body.put("issues", content.path("issues"));
        return new Answer(healthy ? 200 : 503, body);
    }

    /**
     * A file of the dashboard. The content security policy allows only this origin's scripts, styles and data:
     * nothing the page shows can load or run anything else.
     */
    private static void sendAsset(HttpExchange exchange, DashboardAssets.Asset asset) throws IOException {
        byte[] content = DashboardAssets.read(asset);
        var headers = exchange.getResponseHeaders();
        headers.set("Content-Type", asset.contentType());
        headers.set("Cache-Control", "no-cache");
        headers.set("X-Content-Type-Options", "nosniff");
        headers.set(
                "Content-Security-Policy",
                "default-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; "
                        + "frame-ancestors 'none'");
        exchange.sendResponseHeaders(200, content.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(content);
        }
    }

    private static void send(HttpExchange exchange, Answer answer) throws IOException {
        byte[] json = Json.mapper().writeValueAsBytes(answer.body());
        exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        exchange.sendResponseHeaders(answer.code(), json.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(json);
        }
    }

    /** An HTTP status code and the JSON body that goes with it. */
    record Answer(int code, Object body) {

        /** The message made one printable line of bounded length: it may quote a hostile request's path. */
        static Answer error(int code, String message) {
            return new Answer(code, Map.of("error", OneLine.printable(message, MAX_ERROR)));
        }
    }

    @Override
    public void close() {
        if (server != null) {
            server.stop(0); // answers are small and quick: nothing worth waiting for
        }
        executor.shutdownNow();
    }
}
