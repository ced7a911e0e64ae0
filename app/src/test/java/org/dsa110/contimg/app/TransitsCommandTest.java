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

/** {@code contimg transits} reads calibrator_transits as an astronomer asks: by source, time and response. */
class TransitsCommandTest {

    @TempDir
    Path dir;

    @Test
    void listsTheTransitsOfASourceByEitherNameInTimeOrder() throws Exception {
        Path db = dir.resolve("products.sqlite3");
        try (var store = PointingStore.open(db, Clock.systemUTC())) {
            store.upsert(
                    List.of(),
                    List.of(
                            Samples.transit("J1331+305", "3C286", 61056.569, "2026-01-16T13:39:21Z", 0.98),
                            Samples.transit("J1331+305", "3C286", 61055.573, "2026-01-15T13:45:22Z", 0.999),
                            Samples.transit("J0137+331", "3C48", 61055.70, "2026-01-15T16:48:00Z", 0.7),
                            Samples.transit("J1331+305", "3C286", 61057.565, "2026-01-17T13:33:36Z", 0.4)));
        }
        String json =
                run("transits", "--products-db", db.toString(), "--name", "3c286", "--min-response", "0.5", "--json");
        List<String> lines = json.lines().toList();
        assertThat(lines).hasSize(2);
        assertThat(Json.mapper().readTree(lines.get(0)).get("transit_time").asText())
                .isEqualTo("2026-01-15T13:45:22Z");
        assertThat(Json.mapper().readTree(lines.get(1)).get("transit_time").asText())
                .isEqualTo("2026-01-16T13:39:21Z");

        String table = run(
                "transits", "--products-db", db.toString(), "--since", "2026-01-15T14:00:00", "--until", "2026-01-16");
        assertThat(table.lines().toList()).hasSize(2); // the header and 3C48
        assertThat(table).contains("J0137+331 3C48").contains("/data/incoming/J0137+331_sb00.hdf5");
    }

    private static String run(String... args) {
        var out = new StringWriter();
        int status = Contimg.commandLine().setOut(new PrintWriter(out, true)).execute(args);
        assertThat(status).isZero();
        return out.toString();
    }
}
