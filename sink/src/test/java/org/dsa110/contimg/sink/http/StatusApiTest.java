package org.dsa110.contimg.sink.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.dsa110.contimg.contract.Mjd;
import org.dsa110.contimg.contract.PointingObservation;
import org.dsa110.contimg.contract.Samples;
import org.dsa110.contimg.contract.json.Json;
import org.dsa110.contimg.pointing.calibrators.TransitFinder;
import org.dsa110.contimg.sink.store.PointingHistory;
import org.dsa110.contimg.sink.store.PointingStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The HTTP API over a real socket, a real status file and a real SQLite database. */
class StatusApiTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    Path dir;

    private Path statusFile;
    private Path db;
    private StatusApi api;

    @BeforeEach
    void start() throws Exception {
        statusFile = dir.resolve("pointing-monitor-status.json");
        db = dir.resolve("products.sqlite3");
        api = new StatusApi(
                "127.0.0.1", 0, statusFile, new PointingHistory(db), TransitFinder.defaults(), Clock.systemUTC());
        api.start();
    }

    @AfterEach
    void stop() {
        api.close();
    }

    @Test
    void calibratorTransitsAreServedByNameTimeAndResponseAndBadParametersAreNamed() throws Exception {
        try (var store = PointingStore.open(db, Clock.systemUTC())) {
            store.upsert(
                    List.of(),
                    List.of(
                            Samples.transit("J1331+305", "3C286", 61055.573, "2026-01-15T13:45:22Z", 0.999),
                            Samples.transit("J1331+305", "3C286", 61056.569, "2026-01-16T13:39:21Z", 0.4),
                            Samples.transit("J0137+331", "3C48", 61055.70, "2026-01-15T16:48:00Z", 0.7)));
        }
        JsonNode all = json(get("/api/calibrator_transits"));
        assertThat(all.get("count").asInt()).isEqualTo(3);
        JsonNode strong = json(get("/api/calibrator_transits?name=3c286&min_response=0.5"));
        assertThat(strong.get("items")).hasSize(1);
        assertThat(strong.get("items").get(0).get("transit_time").asText()).isEqualTo("2026-01-15T13:45:22Z");
        assertThat(strong.get("items").get(0).get("source_file").asText())
                .isEqualTo("/data/incoming/J1331+305-2026-01-15_sb00.hdf5");
        JsonNode window = json(get("/api/calibrator_transits?start_mjd=61055.6&end_mjd=61056"));
        assertThat(window.get("items").get(0).get("calibrator").asText()).isEqualTo("J0137+331");

        JsonNode newest = json(get("/api/calibrator_transits?order=desc&limit=1"));
        assertThat(newest.get("items").get(0).get("transit_time").asText()).isEqualTo("2026-01-16T13:39:21Z");
        assertThat(newest.get("truncated").asBoolean()).isTrue();
        assertThat(json(get("/api/calibrator_transits?order=random"))
                        .get("error")
                        .asText())
                .isEqualTo("order must be asc or desc, not 'random'");

        var bad = get("/api/calibrator_transits?min_response=2");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(json(bad).get("error").asText()).isEqualTo("min_response must be a number from 0.0 to 1.0, not '2'");
        assertThat(json(get("/api/calibrator_transits?nam=3C286")).get("error").asText())
                .startsWith("unknown parameter 'nam'");
    }

    /** The best calibrator at three declinations over a day, and 3C286's next transits and past matches. */
    @Test
    void theBestCalibratorAndOneCalibratorsTransitsAreServed() throws Exception {
        for (String[] c : new String[][] {{"30.5", "J1331+305"}, {"33.16", "J0137+331"}, {"49.85", "J0542+498"}}) {
            JsonNode best = json(get("/api/pointing/best-calibrator?dec_deg=" + c[0] + "&hours=24"));
            assertThat(best.get("best").get("calibrator").asText())
                    .as("dec " + c[0])
                    .isEqualTo(c[1]);
            assertThat(best.get("dec_app_deg").asDouble()).isEqualTo(Double.parseDouble(c[0]));
        }
        try (var store = PointingStore.open(db, Clock.systemUTC())) {
            store.upsert(
                    List.of(),
                    List.of(Samples.transit("J1331+305", "3C286", 61055.573, "2026-01-15T13:45:22Z", 0.999)));
        }
        JsonNode named = json(get("/api/calibrators/3c286/transits?next=3"));
        assertThat(named.get("calibrator").asText()).isEqualTo("J1331+305");
        assertThat(named.get("next")).hasSize(3);
        assertThat(named.get("past").get(0).get("source_file").asText())
                .isEqualTo("/data/incoming/J1331+305-2026-01-15_sb00.hdf5");
        assertThat(named.get("past").get(0).get("best").asBoolean()).isTrue();

        var unknown = get("/api/calibrators/NOSUCH/transits");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(json(unknown).get("error").asText()).startsWith("no calibrator named NOSUCH in ");
        var hostile = get("/api/calibrators/%3Cscript%3E/transits");
        assertThat(hostile.statusCode()).isEqualTo(400);
        assertThat(json(get("/api/pointing/best-calibrator?dec_deg=91"))
                        .get("error")
                        .asText())
                .startsWith("dec_deg must be a number from -90.0 to 90.0");
    }

    @Test
    void theDataCoverageIsTheStretchesWithDataAndTheGaps() throws Exception {
        double start = 62000.0; // no other test writes here
        try (var store = PointingStore.open(db, Clock.systemUTC())) {
            store.upsert(Samples.driftFiles(start, 12, 30.0)); // an hour
            store.upsert(Samples.driftFiles(start + 2.0 / 24, 12, 30.0)); // an hour, after an hour without
        }
        JsonNode body = json(get("/api/pointing/data_coverage?start_mjd=" + start + "&end_mjd=" + (start + 4.0 / 24)));
        assertThat(body.get("files").asLong()).isEqualTo(24);
        assertThat(body.get("data")).hasSize(2);
        assertThat(body.get("gaps")).hasSize(2); // between, and after the last file to the window's end
        assertThat(body.get("hours_with_data").asDouble()).isCloseTo(2.0, within(1e-6));
        assertThat(body.get("hours_of_gaps").asDouble()).isCloseTo(2.0, within(1e-6));
        assertThat(body.get("gaps").get(0).get("start_mjd").asDouble()).isCloseTo(start + 1.0 / 24, within(1e-9));
        assertThat(body.get("gaps").get(0).get("start_time").asText()).startsWith("2028-08-17T0");
        assertThat(get("/api/pointing/data_coverage?merge_s=-1").statusCode()).isEqualTo(400);
    }

    @Test
    void theStatusIsTheFilePlusItsAge() throws Exception {
        Files.writeString(
                statusFile,
                "{\"running\": true, \"healthy\": true, \"issues\": [], \"metrics\": " + "{\"files_processed\": 3}}");
        var response = get("/api/pointing-monitor/status");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json; charset=utf-8");
        JsonNode status = json(response);
        assertThat(status.get("metrics").get("files_processed").asInt()).isEqualTo(3);
        assertThat(status.get("status_file_age_seconds").asDouble()).isBetween(0.0, 60.0);
        assertThat(status.get("stale").asBoolean()).isFalse();
        assertThat(get("/healthz").statusCode()).isEqualTo(200);
    }

    @Test
    void aStatusFileOlderThan2MinutesIsStaleAndUnhealthy() throws Exception {
        Files.writeString(statusFile, "{\"running\": true, \"healthy\": true, \"issues\": []}");
        Files.setLastModifiedTime(statusFile, FileTime.from(Instant.now().minusSeconds(180)));
        JsonNode status = json(get("/api/pointing-monitor/status"));
        assertThat(status.get("stale").asBoolean()).isTrue();
        assertThat(status.get("status_file_age_seconds").asDouble()).isGreaterThanOrEqualTo(180.0);
        var health = get("/healthz");
        assertThat(health.statusCode()).isEqualTo(503);
        assertThat(json(health).get("stale").asBoolean()).isTrue();
    }

    @Test
    void anUnhealthyStatusFailsTheHealthCheckWithItsIssues() throws Exception {
        Files.writeString(
                statusFile, "{\"running\": true, \"healthy\": false, \"issues\": [\"Kafka is unreachable\"]}");
        var health = get("/healthz");
        assertThat(health.statusCode()).isEqualTo(503);
        assertThat(json(health).get("issues").get(0).asText()).isEqualTo("Kafka is unreachable");
    }

    @Test
    void aMissingStatusFileIsReportedAsTheOldApiDid() throws Exception {
        var response = get("/api/pointing-monitor/status");
        assertThat(response.statusCode()).isEqualTo(503);
        JsonNode body = json(response);
        assertThat(body.get("running").asBoolean()).isFalse();
        assertThat(body.get("healthy").asBoolean()).isFalse();
        assertThat(body.get("error").asText()).contains("does not exist");
        assertThat(get("/healthz").statusCode()).isEqualTo(503);
    }

    @Test
    void theHistoryComesInTimeOrderWithEveryColumn() throws Exception {
        write(60983.3, 60983.1, 60983.2, 60990.0);
        var response = get("/api/pointing_history?start_mjd=60983&end_mjd=60984");
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode body = json(response);
        List<Double> times = new ArrayList<>();
        body.get("items").forEach(item -> times.add(item.get("timestamp").asDouble()));
        assertThat(times).containsExactly(60983.1, 60983.2, 60983.3);
        JsonNode first = body.get("items").get(0);
        assertThat(first.get("ra_deg").asDouble()).isEqualTo(10.0);
        assertThat(first.get("dec_deg").asDouble()).isEqualTo(20.0);
        assertThat(first.get("timestamp_iso").asText()).isEqualTo("2025-11-04T02:24:00Z");
        assertThat(first.get("source_file").asText()).isEqualTo("/in/60983.1_sb00.hdf5");
        assertThat(first.get("kind").asText()).isEqualTo("dsa110-meridian");
        assertThat(body.get("truncated").asBoolean()).isFalse();
    }

    @Test
    void theLimitCutsTheAnswerShortAndSaysSo() throws Exception {
        write(60983.1, 60983.2, 60983.3);
        JsonNode body = json(get("/api/pointing_history?start_mjd=0&limit=2"));
        assertThat(body.get("items")).hasSize(2);
        assertThat(body.get("truncated").asBoolean()).isTrue();
    }

    @Test
    void withoutParametersTheLastDayIsReturned() throws Exception {
        Instant now = Instant.now();
        double twoDaysAgo = Mjd.of(now.minus(Duration.ofDays(2)));
        double dayAndAnHourAgo = Mjd.of(now.minus(Duration.ofHours(25)));
        double twentyThreeHoursAgo = Mjd.of(now.minus(Duration.ofHours(23)));
        double anHourAgo = Mjd.of(now.minus(Duration.ofHours(1)));
        write(twoDaysAgo, dayAndAnHourAgo, twentyThreeHoursAgo, anHourAgo);

        List<Double> times = new ArrayList<>();
        json(get("/api/pointing_history"))
                .get("items")
                .forEach(item -> times.add(item.get("timestamp").asDouble()));
        assertThat(times).containsExactly(twentyThreeHoursAgo, anHourAgo);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "start_mjd=yesterday|start_mjd must be a Modified Julian Date (a finite number, e.g. 60983.5), not 'yesterday'",
                "end_mjd=NaN|end_mjd must be a Modified Julian Date (a finite number, e.g. 60983.5), not 'NaN'",
                "start_mjd=60984&end_mjd=60983|start_mjd (60984.0) is after end_mjd (60983.0)",
                "limit=0|limit must be a whole number from 1 to 100000, not '0'",
                "limit=1e9|limit must be a whole number from 1 to 100000, not '1e9'",
                "start=60983|unknown parameter 'start' (known: start_mjd, end_mjd, limit, time_interval_hours)",
                "time_interval_hours=0|time_interval_hours must be a number from 0.001 to 87660.0, not '0'",
                "limit=1&limit=2|limit is given twice",
                "start_mjd=|start_mjd must be a Modified Julian Date (a finite number, e.g. 60983.5), not ''"
            })
    void aBadParameterIsA400WithAOneLineReason(String query, String error) throws Exception {
        write(60983.1);
        var response = get("/api/pointing_history?" + query);
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(json(response).get("error").asText()).isEqualTo(error);
    }

    @Test
    void noDatabaseYetIsA503() throws Exception {
        var response = get("/api/pointing_history?start_mjd=0");
        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(json(response).get("error").asText()).contains("does not exist yet");
    }

    @Test
    void theDashboardIsServedFromTheJarWithAPolicyThatAllowsOnlyThisOrigin() throws Exception {
        var page = get("/");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
        assertThat(page.headers().firstValue("Content-Security-Policy"))
                .hasValueSatisfying(policy -> assertThat(policy).startsWith("default-src 'self'"));
        assertThat(page.body()).contains("<title>contimg-stream dashboard</title>", "/dashboard.js");
        for (String asset :
                List.of("/dashboard.js", "/dashboard.css", "/assets/uPlot.iife.min.js", "/assets/uPlot.min.css")) {
            assertThat(get(asset).statusCode()).as(asset).isEqualTo(200);
        }
        var post = HTTP.send(
                HttpRequest.newBuilder(uri("/"))
                        .POST(HttpRequest.BodyPublishers.ofString("x"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(post.statusCode()).isEqualTo(405);
        assertThat(get("/dashboard.js/../../etc/passwd").statusCode()).isEqualTo(404);
    }

    @Test
    void onlyGetIsServedAndUnknownPathsAre404() throws Exception {
        var post = HTTP.send(
                HttpRequest.newBuilder(uri("/api/pointing_history"))
                        .POST(HttpRequest.BodyPublishers.ofString("{}"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(post.statusCode()).isEqualTo(405);
        assertThat(post.headers().firstValue("Allow")).hasValue("GET");
        var delete = HTTP.send(
                HttpRequest.newBuilder(uri("/api/pointing-monitor/status"))
                        .DELETE()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(delete.statusCode()).isEqualTo(405);
        var unknown = get("/api/../../etc/passwd");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(json(unknown).get("error").asText()).startsWith("no such resource");
    }

    @Test
    void aTimeIntervalGivesTheFirstRowOfEachIntervalWithHowManyItStandsFor() throws Exception {
        writeDrift(60983.0 + 1.0 / 1440, 36, 20.0); // three hours of 5-minute files from 00:01
        JsonNode body = json(get("/api/pointing_history?start_mjd=60983&end_mjd=60984&time_interval_hours=1"));
        assertThat(body.get("items")).hasSize(3);
        assertThat(body.get("time_interval_hours").asDouble()).isEqualTo(1.0);
        for (int hour = 0; hour < 3; hour++) {
            JsonNode item = body.get("items").get(hour);
            assertThat(item.get("rows_in_interval").asLong()).isEqualTo(12);
            assertThat(item.get("start_mjd").asDouble()).isCloseTo(60983.0 + (1 + 60.0 * hour) / 1440, within(1e-9));
        }
        JsonNode limited =
                json(get("/api/pointing_history?start_mjd=60983&end_mjd=60984&time_interval_hours=0.5&limit=4"));
        assertThat(limited.get("items")).hasSize(4);
        assertThat(limited.get("truncated").asBoolean()).isTrue();
    }

    @Test
    void campaignsAndSkyCoverageAreServedOverTheHistory() throws Exception {
        writeDrift(60983.0, 12, 20.0);
        writeDrift(60983.0 + 1.0 / 24, 24, 55.6);
        JsonNode campaigns = json(get("/api/pointing/campaigns"));
        assertThat(campaigns.get("count").asInt()).isEqualTo(2);
        JsonNode second = campaigns.get("items").get(1);
        assertThat(second.get("files").asLong()).isEqualTo(24);
        assertThat(second.get("hours_observed").asDouble()).isCloseTo(2.0, within(1e-6));
        assertThat(second.get("mean_dec_deg").asDouble()).isCloseTo(55.6, within(1e-9));
        assertThat(second.get("start_time").asText()).isEqualTo("2025-11-04T01:00:00Z");
        assertThat(json(get("/api/pointing/campaigns?jump_threshold_deg=40"))
                        .get("count")
                        .asInt())
                .isEqualTo(1);

        JsonNode coverage = json(get("/api/pointing/sky_coverage?nside=32"));
        assertThat(coverage.get("nside").asInt()).isEqualTo(32);
        assertThat(coverage.get("files").asLong()).isEqualTo(36);
        assertThat(coverage.get("hours_observed").asDouble()).isCloseTo(3.0, within(1e-6));
        assertThat(coverage.get("cells")).hasSize(coverage.get("count").asInt());
        assertThat(coverage.get("sky_fraction").asDouble())
                .isCloseTo(coverage.get("count").asInt() / (12.0 * 32 * 32), within(1e-12));
        assertThat(coverage.get("cells").get(0).get("hours").asDouble()).isPositive();

        assertThat(json(get("/api/pointing/sky_coverage?nside=3")).get("error").asText())
                .isEqualTo("nside must be a power of 2 from 1 to 256, not '3'");
        assertThat(get("/api/pointing/campaigns?gap_hours=-1").statusCode()).isEqualTo(400);
    }

    @Test
    void upcomingTransitsAreThoseAtTheLatestPointingsDeclination() throws Exception {
        // The latest file points at 3C286's apparent declination (of 2026) on the meridian.
        writeDrift(Mjd.of(Instant.now().minus(Duration.ofHours(2))), 1, 30.3704);
        JsonNode upcoming = json(get("/api/calibrator_transits/upcoming?hours=24"));
        assertThat(upcoming.get("pointing").get("dec_app_deg").asDouble()).isEqualTo(30.3704);
        assertThat(upcoming.get("min_response").asDouble()).isEqualTo(0.5);
        assertThat(upcoming.get("items")).anySatisfy(item -> {
            assertThat(item.path("alt_name").asText()).isEqualTo("3C286");
            assertThat(item.get("hours_from_now").asDouble()).isBetween(0.0, 24.0);
            assertThat(item.get("response").asDouble()).isGreaterThan(0.99);
            assertThat(item.get("apparent_flux_jy").asDouble()).isCloseTo(15.0, within(0.2));
        });
        List<Double> hours = new ArrayList<>();
        upcoming.get("items")
                .forEach(item -> hours.add(item.get("hours_from_now").asDouble()));
        assertThat(hours).isSorted();
        assertThat(json(get("/api/calibrator_transits/upcoming?hours=800"))
                        .get("error")
                        .asText())
                .isEqualTo("hours must be a number from 0.001 to 744.0, not '800'");
    }

    private void writeDrift(double startMjd, int n, double decDeg) throws Exception {
        try (var store = PointingStore.open(db, Clock.systemUTC())) {
            store.upsert(Samples.driftFiles(startMjd, n, decDeg));
        }
    }

    private void write(double... mjds) throws Exception {
        try (var store = PointingStore.open(db, Clock.systemUTC())) {
            var batch = new ArrayList<PointingObservation>();
            for (double mjd : mjds) {
                batch.add(new PointingObservation(
                        PointingObservation.SCHEMA,
                        "/in/" + mjd + "_sb00.hdf5",
                        1L,
                        Instant.EPOCH,
                        mjd,
                        Instant.EPOCH,
                        mjd,
                        mjd,
                        10.0,
                        20.0,
                        10.3,
                        19.9,
                        0.0,
                        10.3,
                        "dsa110-meridian",
                        "DSA_110",
                        null,
                        24,
                        12.9,
                        0,
                        null,
                        null));
            }
            store.upsert(batch);
        }
    }

    private URI uri(String path) {
        return URI.create(api.url() + path);
    }

    private HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(uri(path)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode json(HttpResponse<String> response) throws Exception {
        return Json.mapper().readTree(response.body());
    }
}
