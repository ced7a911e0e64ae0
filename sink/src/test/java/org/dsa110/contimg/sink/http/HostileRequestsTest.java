package org.dsa110.contimg.sink.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.dsa110.contimg.contract.json.Json;
import org.dsa110.contimg.pointing.calibrators.TransitFinder;
import org.dsa110.contimg.sink.store.PointingHistory;
import org.dsa110.contimg.sink.store.PointingStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The HTTP API against requests nobody writes by hand, from a seeded generator, sent as raw bytes over a socket:
 * methods other than GET, traversal attempts on the dashboard's files (dots, encoded dots, doubled slashes, NULs),
 * unknown, repeated, malformed and very long parameters, and values no endpoint accepts. Every answer is a 4xx (or
 * the 503 of a monitor not running) with a one-line JSON {@code error}, or a 200; never a 500; a 200 for a file is
 * one of the dashboard's own, byte for byte.
 */
class HostileRequestsTest {

    private static final int CASES = 600;
    private static final List<String> PATHS = List.of(
            "/api/pointing-monitor/status",
            "/api/pointing_history",
            "/api/calibrator_transits",
            "/api/calibrator_transits/upcoming",
            "/api/pointing/campaigns",
            "/api/pointing/sky_coverage",
            "/healthz",
            "/",
            "/dashboard.js",
            "/dashboard.css",
            "/assets/uPlot.iife.min.js",
            "/assets/uPlot.min.css");
    private static final List<String> TRAVERSALS = List.of(
            "/../../../../etc/passwd",
            "/%2e%2e/%2e%2e/etc/passwd",
            "/assets/../../pom.xml",
            "/assets/%2e%2e%2f%2e%2e%2fpom.xml",
            "/assets/..%2f..%2fMETA-INF/MANIFEST.MF",
            "//etc/passwd",
            "/dashboard.js/..",
            "/dashboard.js%00.png",
            "/assets/uPlot.min.css%2f..%2f..%2findex.html",
            "/org/dsa110/contimg/sink/http/dashboard/index.html",
            "/META-INF/resources/webjars/uplot/1.6.30/dist/uPlot.min.css",
            "/api/pointing_history/../../../etc/passwd",
            "/api/%0d%0aSet-Cookie:%20x=1",
            "/%c0%ae%c0%ae/%c0%ae%c0%ae/etc/passwd",
            "/api/pointing_history;jsessionid=1");
    private static final List<String> PARAMETERS = List.of(
            "start_mjd",
            "end_mjd",
            "limit",
            "time_interval_hours",
            "name",
            "min_response",
            "hours",
            "order",
            "jump_threshold_deg",
            "gap_hours",
            "nside",
            "dec_deg",
            "x",
            "",
            "%ZZ",
            "start_mjd%00");
    private static final List<String> VALUES = List.of(
            "60983.5",
            "-1",
            "0",
            "NaN",
            "Infinity",
            "-Infinity",
            "1e309",
            "-1e400",
            "1e-320",
            "99999999999999999999",
            "2147483648",
            "0x10",
            "",
            "%",
            "%ZZ",
            "%00",
            "%0A%0D",
            "%E2%80%AE",
            "'\";--",
            "<script>alert(1)</script>",
            "../../etc/passwd",
            "3C286",
            "asc",
            "desc",
            "\u00e9");

    @TempDir
    Path dir;

    private StatusApi api;
    private Set<String> assets;

    @BeforeEach
    void start() throws Exception {
        PointingStore.open(dir.resolve("products.sqlite3"), Clock.systemUTC()).close(); // the tables, empty
        api = new StatusApi(
                "127.0.0.1",
                0,
                dir.resolve("pointing-monitor-status.json"),
                new PointingHistory(dir.resolve("products.sqlite3")),
                TransitFinder.defaults(),
                Clock.systemUTC());
        api.start();
        assets = new HashSet<>();
        for (String path :
                List.of("/", "/dashboard.js", "/dashboard.css", "/assets/uPlot.iife.min.js", "/assets/uPlot.min.css")) {
            assets.add(new String(DashboardAssets.read(DashboardAssets.asset(path)), StandardCharsets.UTF_8));
        }
    }

    @AfterEach
    void stop() {
        api.close();
    }

    @Test
    void noHostileRequestGetsA500OrAFileOutsideTheDashboard() throws Exception {
        var random = new Random(29);
        var codes = new ArrayList<Integer>();
        for (int i = 0; i < CASES; i++) {
            String method = pick(
                    random,
                    List.of("GET", "GET", "GET", "POST", "PUT", "DELETE", "HEAD", "OPTIONS", "TRACE", "PATCH", "BREW"));
            String path = random.nextInt(3) == 0 ? pick(random, TRAVERSALS) : pick(random, PATHS);
            String target = path + query(random);
            Response response = send(method, target);
            if (response == null) {
                continue; // the JDK's server closed a request it could not parse: nothing served, nothing failed
            }
            codes.add(response.code());
            String what = method + " " + (target.length() > 200 ? target.substring(0, 200) + "..." : target);
            assertThat(response.code()).as(what).isNotEqualTo(500).isLessThan(600);
            if (response.code() == 503) {
                assertThat(path).as(what).isIn("/api/pointing-monitor/status", "/healthz");
            }
            if (response.code() == 200 && !response.json()) {
                assertThat(assets).as(what + ": a file of the dashboard's own").contains(response.body());
            } else if (!validUri(target)) {
                // The JDK's server refuses a request-target that is no URI (a bad %-escape) before any handler
                // runs, with a 400 of its own: a 4xx, nothing served, but not our JSON (docs/status.md says so).
                assertThat(response.code()).as(what).isEqualTo(400);
            } else if (response.code() >= 400 && !"HEAD".equals(method)) {
                assertThat(response.json()).as(what + " answers JSON").isTrue();
                JsonNode body = Json.mapper().readTree(response.body());
                String error = body.path("error").asText("");
                assertThat(error)
                        .as(what)
                        .isNotBlank()
                        .doesNotContain("\n", "\r")
                        .hasSizeLessThanOrEqualTo(400);
            }
        }
        assertThat(codes).as("answered").hasSizeGreaterThan(CASES / 2).contains(200, 400, 404, 405);
    }

    private String query(Random random) {
        int kind = random.nextInt(6);
        if (kind == 0) {
            return "";
        }
        if (kind == 1) {
            return "?" + pick(random, PARAMETERS) + "=" + "9".repeat(20_000 + random.nextInt(20_000)); // very long
        }
        var query = new StringBuilder("?");
        int n = 1 + random.nextInt(4);
        for (int i = 0; i < n; i++) {
            query.append(i == 0 ? "" : random.nextInt(8) == 0 ? "&&" : "&")
                    .append(pick(random, PARAMETERS))
                    .append(random.nextInt(10) == 0 ? "" : "=" + pick(random, VALUES));
        }
        return query.toString();
    }

    private static boolean validUri(String target) {
        try {
            new URI(target);
            return true;
        } catch (URISyntaxException e) {
            return false;
        }
    }

    private record Response(int code, String contentType, String body) {
        boolean json() {
            return contentType.startsWith("application/json");
        }
    }

    /** One request on a connection of its own, as bytes; {@code null} when the server closed it unanswered. */
    private Response send(String method, String target) throws IOException {
        try (var socket = new Socket("127.0.0.1", api.address().getPort())) {
            socket.setSoTimeout(10_000);
            String request = method + " " + target + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n"
                    + ("POST".equals(method) || "PUT".equals(method) ? "Content-Length: 2\r\n\r\n{}" : "\r\n");
            socket.getOutputStream().write(request.getBytes(StandardCharsets.UTF_8));
            socket.getOutputStream().flush();
            byte[] raw = readAll(socket.getInputStream());
            if (raw.length == 0) {
                return null;
            }
            String text = new String(raw, StandardCharsets.UTF_8);
            int headersEnd = text.indexOf("\r\n\r\n");
            String head = headersEnd < 0 ? text : text.substring(0, headersEnd);
            String body = headersEnd < 0 ? "" : text.substring(headersEnd + 4);
            int code = Integer.parseInt(head.substring(9, 12));
            String contentType = head.lines()
                    .filter(l -> l.toLowerCase().startsWith("content-type:"))
                    .map(l -> l.substring("content-type:".length()).strip())
                    .findFirst()
                    .orElse("");
            return new Response(code, contentType, body);
        }
    }

    private static byte[] readAll(InputStream in) throws IOException {
        var out = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        try {
            for (int n; (n = in.read(buffer)) >= 0; ) {
                out.write(buffer, 0, n);
            }
        } catch (SocketTimeoutException e) {
            // a HEAD answer's length without its body: what came is all there is
        } catch (IOException e) {
            if (out.size() == 0) {
                return new byte[0]; // reset before any answer
            }
        }
        return out.toByteArray();
    }

    private static <T> T pick(Random random, List<T> values) {
        return values.get(random.nextInt(values.size()));
    }
}
