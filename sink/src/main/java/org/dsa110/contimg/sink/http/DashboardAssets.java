package org.dsa110.contimg.sink.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * The dashboard's files, served from the jar at fixed paths: {@code /} (the page), its script and style sheet, and
 * uPlot from its WebJar. Only these paths exist, so no request names a resource of its choosing (no traversal, no
 * listing); nothing is fetched from the network, so the page works on a host without one.
 */
final class DashboardAssets {

    /** One file: where it is on the class path and what it is. */
    record Asset(String resource, String contentType) {}

    private static final String PAGE = "/org/dsa110/contimg/sink/http/dashboard/";
    /** The WebJar keeps its version in the path: the pom's uplot.version (StatusApiTest fetches it). */
    private static final String UPLOT = "/META-INF/resources/webjars/uplot/1.6.30/dist/";

    private static final Map<String, Asset> ASSETS = Map.of(
            "/", new Asset(PAGE + "index.html", "text/html; charset=utf-8"),
            "/dashboard.js", new Asset(PAGE + "dashboard.js", "text/javascript; charset=utf-8"),
            "/dashboard.css", new Asset(PAGE + "dashboard.css", "text/css; charset=utf-8"),
            "/assets/uPlot.iife.min.js", new Asset(UPLOT + "uPlot.iife.min.js", "text/javascript; charset=utf-8"),
            "/assets/uPlot.min.css", new Asset(UPLOT + "uPlot.min.css", "text/css; charset=utf-8"));

    private DashboardAssets() {}

    static boolean serves(String path) {
        return ASSETS.containsKey(path);
    }

    static Asset asset(String path) {
        return ASSETS.get(path);
    }

    /** The file's bytes; a file missing from the jar is a build error, not a request's. */
    static byte[] read(Asset asset) {
        try (InputStream in = DashboardAssets.class.getResourceAsStream(asset.resource())) {
            if (in == null) {
                throw new IllegalStateException("the jar lacks " + asset.resource());
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
