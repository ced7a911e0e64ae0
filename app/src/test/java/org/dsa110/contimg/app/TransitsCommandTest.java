package org.dsa110.contimg.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.TreeMap;
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
        assertThat(table).contains("J0137+331 3C48").contains("/data/incoming/J0137+331-2026-01-15_sb00.hdf5");
    }

    /** Two files of one 3C286 transit, on axis and 1 deg off: two matches, the on-axis one best. */
    @Test
    void eachFileOfATransitIsAMatchAndTheBestIsMarked() throws Exception {
        Path db = dir.resolve("products.sqlite3");
        var onAxis = Samples.transit("J1331+305", "3C286", 61055.573, "2026-01-15T13:45:22Z", 1.0);
        var off = Samples.inFile(
                Samples.transit("J1331+305", "3C286", 61055.573, "2026-01-15T13:45:22Z", 0.692),
                "/data/incoming/2026-01-15T13:43:07_sb00.hdf5");
        try (var store = PointingStore.open(db, Clock.systemUTC())) {
            store.upsert(List.of(), List.of(off, onAxis));
        }
        List<String> lines = run("transits", "--products-db", db.toString(), "--json")
                .lines()
                .toList();
        assertThat(lines).hasSize(2);
        var best = new TreeMap<String, Boolean>();
        for (String line : lines) {
            var match = Json.mapper().readTree(line);
            best.put(match.get("source_file").asText(), match.get("best").asBoolean());
        }
        assertThat(best).containsEntry(onAxis.sourceFile(), true).containsEntry(off.sourceFile(), false);
        String table = run("transits", "--products-db", db.toString());
        assertThat(table.lines().filter(l -> l.contains(" * ")).toList())
                .singleElement()
                .satisfies(l -> assertThat(l).endsWith(onAxis.sourceFile()));
    }

    private static String run(String... args) {
        var out = new StringWriter();
        int status = Contimg.commandLine().setOut(new PrintWriter(out, true)).execute(args);
        assertThat(status).isZero();
        return out.toString();
    }
}
