package org.dsa110.contimg.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.dsa110.contimg.contract.Samples;
import org.dsa110.contimg.contract.json.Json;
import org.dsa110.contimg.sink.store.PointingStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code contimg calibrators --best} and {@code contimg calibrators NAME} on a products database. */
class CalibratorsCommandTest {

    @TempDir
    Path dir;

    @Test
    void theBestCalibratorOverADayAtThreeDeclinations() throws Exception {
        Path db = dir.resolve("products.sqlite3");
        for (String[] c : new String[][] {{"30.5", "3C286"}, {"33.16", "3C48"}, {"49.85", "3C147"}}) {
            String json = run(0, "calibrators", "--products-db", db.toString(), "--best", "--dec", c[0], "--json");
            assertThat(Json.mapper().readTree(json).get("best").get("alt_name").asText())
                    .isEqualTo(c[1]);
            String table = run(0, "calibrators", "--products-db", db.toString(), "--best", "--dec", c[0]);
            assertThat(table)
                    .startsWith("Best in the next 24.0 h at dec " + c[0])
                    .contains(c[1]);
        }
        // No declination and nothing recorded: nothing to choose for, said so.
        run(1, "calibrators", "--products-db", db.toString(), "--best");
    }

    @Test
    void aCalibratorsNextTransitsAndItsPastMatches() throws Exception {
        Path db = dir.resolve("products.sqlite3");
        try (var store = PointingStore.open(db, Clock.systemUTC())) {
            store.upsert(
                    Samples.driftFiles(61055.5, 2, 30.37),
                    List.of(Samples.transit("J1331+305", "3C286", 61055.573, "2026-01-15T13:45:22Z", 0.999)));
        }
        var found = Json.mapper()
                .readTree(run(0, "calibrators", "--products-db", db.toString(), "3c286", "--next", "3", "--json"));
        assertThat(found.get("calibrator").asText()).isEqualTo("J1331+305");
        assertThat(found.get("next")).hasSize(3);
        assertThat(found.get("next").get(0).get("response").asDouble()).isGreaterThan(0.9);
        assertThat(found.get("past")).hasSize(1);
        String table = run(0, "calibrators", "--products-db", db.toString(), "3C286");
        assertThat(table).startsWith("J1331+305 3C286: next 5 transits").contains("1 past matches:");
        run(1, "calibrators", "--products-db", db.toString(), "NOSUCH");
        run(2, "calibrators", "--products-db", db.toString(), "3C286", "--best");
    }

    private static String run(int expected, String... args) {
        var out = new StringWriter();
        int status = Contimg.commandLine()
                .setOut(new PrintWriter(out, true))
                .setErr(new PrintWriter(new StringWriter(), true))
                .execute(args);
        assertThat(status).as(String.join(" ", args)).isEqualTo(expected);
        return out.toString();
    }
}
