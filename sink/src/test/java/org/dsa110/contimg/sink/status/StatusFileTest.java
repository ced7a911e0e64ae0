package org.dsa110.contimg.sink.status;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.dsa110.contimg.contract.StatusSnapshot;
import org.dsa110.contimg.contract.json.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The status file, as the operators' {@code jq} alerting reads it. */
class StatusFileTest {

    @TempDir
    Path dir;

    @Test
    void keepsTheOldMonitorsFieldsInItsOrderThenTheNewSections() throws Exception {
        Path path = dir.resolve("state/pointing-monitor-status.json");
        new StatusFile(path).write(snapshot(Instant.parse("2026-11-22T10:00:00.123456789Z")));

        String text = Files.readString(path);
        JsonNode json = Json.mapper().readTree(text);
        List<String> fields = new ArrayList<>();
        json.fieldNames().forEachRemaining(fields::add);
        assertThat(fields)
                .startsWith(
                        "running",
                        "healthy",
                        "issues",
                        "watch_dir",
                        "products_db",
                        "timestamp",
                        "timestamp_iso",
                        "metrics")
                .contains("extraction", "kafka_lag");
        assertThat(text).contains("\"timestamp\" : 1795341600.123456,"); // Unix seconds, as time.time() wrote
        assertThat(json.get("timestamp_iso").asText()).isEqualTo("2026-11-22T10:00:00.123456789Z");
        assertThat(json.get("watch_dir").asText()).isEqualTo("/data/incoming");
        assertThat(json.get("metrics").get("last_error_time").isNull())
                .as("null kept, as None was")
                .isTrue();
        assertThat(json.get("issues").get(0).asText()).isEqualTo("the sink is 1500 records behind");
    }

    @Test
    void replacesTheFileWholeReadableByAllAndLeavesNoTemporaryFile() throws Exception {
        Path path = dir.resolve("pointing-monitor-status.json");
        var file = new StatusFile(path);
        file.write(snapshot(Instant.parse("2026-11-22T10:00:00Z")));
        file.write(snapshot(Instant.parse("2026-11-22T10:00:30Z")));
        assertThat(Json.mapper().readTree(path.toFile()).get("timestamp_iso").asText())
                .isEqualTo("2026-11-22T10:00:30Z");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(path)))
                .isEqualTo("rw-r--r--");
        try (var entries = Files.list(dir)) {
            assertThat(entries).containsExactly(path);
        }
    }

    private static StatusSnapshot snapshot(Instant at) {
        var metrics = new LinkedHashMap<String, Object>();
        metrics.put("files_processed", 0L);
        metrics.put("last_error_time", null);
        var details = new LinkedHashMap<String, Object>();
        details.put("watch_dir", "/data/incoming");
        details.put("products_db", "/data/state/products.sqlite3");
        details.put("extraction", Map.of("extracted", 3L));
        details.put("kafka_lag", Map.of("contimg-sink", Map.of("contimg.pointing", 1500L)));
        return new StatusSnapshot(
                StatusSnapshot.SCHEMA,
                "pointing-monitor",
                "host",
                at,
                at.minusSeconds(60),
                true,
                false,
                List.of("the sink is 1500 records behind"),
                metrics,
                details);
    }
}
