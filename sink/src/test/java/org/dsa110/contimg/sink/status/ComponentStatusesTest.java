package org.dsa110.contimg.sink.status;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.dsa110.contimg.contract.StatusSnapshot;
import org.junit.jupiter.api.Test;

/** What the other components' snapshots say about the pipeline's health. */
class ComponentStatusesTest {

    private static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");

    @Test
    void aFreshHealthyComponentRaisesNothing() {
        var statuses = new ComponentStatuses("pointing-monitor");
        statuses.record("producer@a", snapshot("producer@a", NOW.minusSeconds(30), true, List.of()));
        assertThat(statuses.view(NOW).issues()).isEmpty();
        assertThat(statuses.view(NOW).sections()).containsOnlyKeys("producer@a");
    }

    @Test
    void silenceFor2MinutesAStopAndAComponentsOwnIssuesAreIssues() {
        var statuses = new ComponentStatuses("pointing-monitor");
        statuses.record("producer@a", snapshot("producer@a", NOW.minusSeconds(121), true, List.of()));
        statuses.record("processors@a", snapshot("processors@a", NOW.minusSeconds(10), false, List.of()));
        statuses.record(
                "producer@b",
                snapshot(
                        "producer@b",
                        NOW.minusSeconds(10),
                        true,
                        List.of("watched directory /data/incoming is missing")));
        assertThat(statuses.view(NOW).issues())
                .containsExactly(
                        "processors@a stopped at 2026-11-22T09:59:50Z",
                        "producer@a has not reported for 121 s (last snapshot 2026-11-22T09:57:59Z)",
                        "producer@b: watched directory /data/incoming is missing");
    }

    @Test
    void theNewestSnapshotWinsATombstoneForgetsAndItsOwnKeyIsIgnored() {
        var statuses = new ComponentStatuses("pointing-monitor");
        statuses.record("producer@a", snapshot("producer@a", NOW.minusSeconds(5), true, List.of()));
        // An older snapshot read later (another partition's replay, say) does not replace the newer one.
        statuses.record("producer@a", snapshot("producer@a", NOW.minusSeconds(500), true, List.of()));
        assertThat(statuses.view(NOW).issues()).isEmpty();
        statuses.record("pointing-monitor", snapshot("pointing-monitor", NOW.minusSeconds(900), true, List.of()));
        assertThat(statuses.view(NOW).sections()).containsOnlyKeys("producer@a");
        statuses.record("producer@a", null); // retired
        assertThat(statuses.view(NOW).sections()).isEmpty();
    }

    @Test
    void aSectionCarriesTheComponentsDetailsAndMetrics() {
        var statuses = new ComponentStatuses("pointing-monitor");
        statuses.record(
                "producer@a",
                new StatusSnapshot(
                        StatusSnapshot.SCHEMA,
                        "producer@a",
                        "a",
                        NOW.minusSeconds(3),
                        NOW.minusSeconds(600),
                        true,
                        true,
                        List.of(),
                        Map.of("events_published", 12L),
                        Map.of("watch_mode", "inotify")));
        @SuppressWarnings("unchecked")
        var section = (Map<String, Object>) statuses.view(NOW).sections().get("producer@a");
        assertThat(section)
                .containsEntry("watch_mode", "inotify")
                .containsEntry("age_seconds", 3L)
                .containsEntry("running", true)
                .containsEntry("metrics", Map.of("events_published", 12L));
    }

    private static StatusSnapshot snapshot(String component, Instant at, boolean running, List<String> issues) {
        return new StatusSnapshot(
                StatusSnapshot.SCHEMA,
                component,
                "a",
                at,
                at.minusSeconds(3600),
                running,
                issues.isEmpty(),
                issues,
                Map.of(),
                Map.of());
    }
}
