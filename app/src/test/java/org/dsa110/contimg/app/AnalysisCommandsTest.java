package org.dsa110.contimg.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.dsa110.contimg.contract.Mjd;
import org.dsa110.contimg.contract.Samples;
import org.dsa110.contimg.contract.json.Json;
import org.dsa110.contimg.sink.store.PointingStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code contimg campaigns}, {@code coverage} and {@code transits --upcoming} over a real products database. */
class AnalysisCommandsTest {

    @TempDir
    Path dir;

    private Path db;

    @BeforeEach
    void history() throws Exception {
        db = dir.resolve("products.sqlite3");
        try (var store = PointingStore.open(db, Clock.systemUTC())) {
            double twoDaysAgo = Mjd.of(Instant.now().minus(Duration.ofDays(2)));
            store.upsert(Samples.driftFiles(twoDaysAgo, 12, 20.0)); // an hour at +20
            store.upsert(Samples.driftFiles(twoDaysAgo + 1.0 / 24, 24, 30.3704)); // two at 3C286's declination
        }
    }

    @Test
    void campaignsAreListedForPeopleAndAsJsonLines() throws Exception {
        List<String> lines = run("campaigns", "--products-db", db.toString(), "--json")
                .lines()
                .toList();
        assertThat(lines).hasSize(2);
        JsonNode second = Json.mapper().readTree(lines.get(1));
        assertThat(second.get("files").asLong()).isEqualTo(24);
        assertThat(second.get("hours_observed").asDouble()).isCloseTo(2.0, within(1e-6));
        assertThat(second.get("mean_dec_deg").asDouble()).isCloseTo(30.3704, within(1e-9));

        String table = run("campaigns", "--products-db", db.toString(), "--jump-threshold-deg", "20");
        assertThat(table.lines().toList()).hasSize(2); // the header and one campaign of 36 files
        assertThat(table).contains("    36 ").contains("3.00");
    }

    @Test
    void coverageGivesTheTotalsAndTheExposedCells() throws Exception {
        List<String> lines = run("coverage", "--products-db", db.toString(), "--nside", "32", "--json")
                .lines()
                .toList();
        JsonNode totals = Json.mapper().readTree(lines.get(0));
        assertThat(totals.get("files").asLong()).isEqualTo(36);
        assertThat(totals.get("hours_observed").asDouble()).isCloseTo(3.0, within(1e-6));
        assertThat(lines).hasSize(1 + totals.get("cells").asInt());
        assertThat(Json.mapper().readTree(lines.get(1)).get("hours").asDouble()).isPositive();

        String table = run("coverage", "--products-db", db.toString());
        assertThat(table)
                .startsWith("36 files, 3.00 hours observed")
                .contains("+30..+31")
                .contains("+20..+21");
    }

    @Test
    void theTimelineMergesTheFilesIntoStretchesWithDataAndTheGapsBetween() throws Exception {
        try (var store = PointingStore.open(db, Clock.systemUTC())) {
            double twoDaysAgo = Mjd.of(Instant.now().minus(Duration.ofDays(2)));
            // After the three hours of history()'s files, two hours without (to the milliseconds between the two
            // reads of the clock), then half an hour.
            store.upsert(Samples.driftFiles(twoDaysAgo + 5.0 / 24, 6, 30.3704));
        }
        JsonNode timeline =
                Json.mapper().readTree(run("coverage", "--products-db", db.toString(), "--timeline", "--json"));
        assertThat(timeline.get("files").asLong()).isEqualTo(42);
        assertThat(timeline.get("data")).hasSize(2);
        assertThat(timeline.get("data").get(0).get("hours").asDouble()).isCloseTo(3.0, within(1e-6));
        assertThat(timeline.get("data").get(1).get("hours").asDouble()).isCloseTo(0.5, within(1e-6));
        assertThat(timeline.get("gaps"))
                .singleElement()
                .satisfies(gap -> assertThat(gap.get("hours").asDouble()).isCloseTo(2.0, within(1e-3)));

        String table = run("coverage", "--products-db", db.toString(), "--timeline");
        assertThat(table).startsWith("42 files: 3.50 hours with data in 2 stretches, 2.00 hours of gaps in 1");
        assertThat(table.lines().skip(2).map(l -> l.split("\\s+")[0]).toList()).containsExactly("data", "gap", "data");
    }

    @Test
    void upcomingTransitsAreThoseAtTheLatestDeclination() throws Exception {
        List<String> lines = run("transits", "--products-db", db.toString(), "--upcoming", "24", "--json")
                .lines()
                .toList();
        assertThat(lines).anySatisfy(line -> {
            JsonNode transit = Json.mapper().readTree(line);
            assertThat(transit.path("alt_name").asText()).isEqualTo("3C286");
            assertThat(transit.get("hours_from_now").asDouble()).isBetween(0.0, 24.0);
        });
        String table = run("transits", "--products-db", db.toString(), "--upcoming", "24");
        assertThat(table).startsWith("At dec 30.3704° (apparent)").contains("J1331+305 3C286");
    }

    private static String run(String... args) {
        var out = new StringWriter();
        int status = Contimg.commandLine().setOut(new PrintWriter(out, true)).execute(args);
        assertThat(status).isZero();
        return out.toString();
    }
}
