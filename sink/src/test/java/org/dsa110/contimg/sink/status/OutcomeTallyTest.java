package org.dsa110.contimg.sink.status;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.AbstractMap;
import java.util.Map;
import org.dsa110.contimg.contract.Outcome;
import org.dsa110.contimg.contract.Outcome.Result;
import org.dsa110.contimg.contract.Outcome.Stage;
import org.junit.jupiter.api.Test;

/** The old monitor's metrics, computed from {@code contimg.outcomes}. */
class OutcomeTallyTest {

    private static final Instant START = Instant.parse("2026-11-22T10:00:00Z");

    @Test
    void theOldMonitorsMetricsInItsOrderWithNullTimesBeforeAnything() {
        var tally = new OutcomeTally(START);
        assertThat(tally.monitorMetrics(START.plusSeconds(5)))
                .containsExactly(
                        entry("files_processed", 0L),
                        entry("files_succeeded", 0L),
                        entry("files_failed", 0L),
                        entry("success_rate_percent", 100.0),
                        entry("uptime_seconds", 5L),
                        entry("last_processed_time", null),
                        entry("last_success_time", null),
                        entry("last_error_time", null),
                        entry("last_error_message", null),
                        entry("recent_error_count", 0L));
    }

    @Test
    void countsFilesByTheirLatestResultNotOutcomes() {
        var tally = new OutcomeTally(START);
        tally.record(pointing("/in/a_sb00.hdf5", Result.EXTRACTED, 10, null));
        tally.record(pointing("/in/b_sb00.hdf5", Result.RETRYING, 11, "truncated HDF5 file; try 2 in 10 s"));
        tally.record(pointing("/in/c_sb00.hdf5", Result.FAILED, 12, "not an HDF5 file"));
        tally.record(pointing("/in/c_sb00.hdf5", Result.FAILED, 13, "not an HDF5 file")); // created, then modified
        tally.record(pointing("/in/b_sb00.hdf5", Result.EXTRACTED, 30, null)); // the retry worked
        var metrics = tally.monitorMetrics(START.plusSeconds(60));
        assertThat(metrics)
                .containsEntry("files_processed", 3L)
                .containsEntry("files_succeeded", 2L)
                .containsEntry("files_failed", 1L)
                .containsEntry("success_rate_percent", 66.7)
                .containsEntry("recent_error_count", 1L)
                .containsEntry("last_error_message", "/in/c_sb00.hdf5: not an HDF5 file")
                .containsEntry("last_error_time", new BigDecimal("1795341613.000000"))
                .containsEntry("last_success_time", new BigDecimal("1795341630.000000"))
                .containsEntry("last_processed_time", new BigDecimal("1795341630.000000"));
        assertThat(tally.recentExtractions(START.plusSeconds(60))).isEqualTo(new OutcomeTally.RecentExtractions(3, 1));
        // A file that failed and was then written again properly counts as a success.
        tally.record(pointing("/in/c_sb00.hdf5", Result.EXTRACTED, 40, null));
        assertThat(tally.monitorMetrics(START.plusSeconds(60)))
                .containsEntry("files_failed", 0L)
                .containsEntry("files_succeeded", 3L)
                .containsEntry("recent_error_count", 0L);
    }

    @Test
    void theExtractionSectionCountsFilesToo() {
        var tally = new OutcomeTally(START);
        for (int i = 0; i < 40; i++) {
            // Seen twice each (created, then modified; or a rescan before the extractor remembered them).
            tally.record(pointing("/in/" + i + "_sb00.hdf5", Result.EXTRACTED, 10 + i, null));
            tally.record(pointing("/in/" + i + "_sb00.hdf5", Result.EXTRACTED, 100 + i, null));
        }
        tally.record(pointing("/in/bad_sb00.hdf5", Result.RETRYING, 200, "empty file; try 2 in 10 s"));
        tally.record(pointing("/in/bad_sb00.hdf5", Result.FAILED, 300, "empty file"));
        tally.record(pointing("/in/3_sb00.hdf5", Result.UNCHANGED, 400, null)); // a backfill's second run

        assertThat(tally.section(Stage.POINTING))
                .containsEntry("extracted", 40L)
                .containsEntry("failed", 1L)
                .containsEntry("retrying", 1L)
                .containsEntry("unchanged", 1L);
        assertThat(tally.monitorMetrics(START.plusSeconds(500))).containsEntry("files_processed", 41L);
    }

    @Test
    void theLastHourOutlivesARestartButTheCountsStartWithTheMonitor() {
        var tally = new OutcomeTally(START);
        tally.record(pointing("/in/old_sb00.hdf5", Result.FAILED, -3000, "time_array is NaN")); // before the start
        var metrics = tally.monitorMetrics(START.plusSeconds(1));
        assertThat(metrics)
                .containsEntry("files_failed", 0L)
                .containsEntry("recent_error_count", 1L)
                .containsEntry("last_error_message", "/in/old_sb00.hdf5: time_array is NaN");
        assertThat(tally.recentExtractions(START.plusSeconds(1)).failedShare()).isEqualTo(1.0);
        // An hour after it happened it no longer counts as recent.
        Instant later = START.plus(Duration.ofMinutes(11));
        assertThat(tally.monitorMetrics(later)).containsEntry("recent_error_count", 0L);
        assertThat(tally.recentExtractions(later).finished()).isZero();
    }

    @Test
    void eachStageHasItsOwnSection() {
        var tally = new OutcomeTally(START);
        tally.record(outcome(Stage.LOG_MOVE, "/data/casa-1.log", Result.MOVED, 1, null));
        tally.record(outcome(Stage.LOG_MOVE, "/data/casa-2.log", Result.MOVED, 2, null));
        tally.record(outcome(Stage.LOG_MOVE, "/etc/casa-3.log", Result.REJECTED, 3, "outside the data root"));
        tally.record(outcome(Stage.TEMP_PURGE, "/data/TMPPOINTING1", Result.PURGED, 4, null));
        assertThat(tally.section(Stage.LOG_MOVE))
                .containsExactly(
                        entry("moved", 2L),
                        entry("rejected", 1L),
                        entry("last_error_time", "2026-11-22T10:00:03Z"),
                        entry("last_error_message", "/etc/casa-3.log: outside the data root"));
        assertThat(tally.section(Stage.TEMP_PURGE))
                .containsEntry("purged", 1L)
                .containsEntry("last_error_message", null);
        // Log-move errors are not the pointing monitor's errors.
        assertThat(tally.monitorMetrics(START.plusSeconds(5)))
                .containsEntry("recent_error_count", 0L)
                .containsEntry("last_error_message", null);
    }

    @Test
    void anOutcomeOfANewerPipelineWithAnUnknownResultIsIgnored() {
        var tally = new OutcomeTally(START);
        tally.record(outcome(Stage.POINTING, "/in/a_sb00.hdf5", null, 1, null));
        assertThat(tally.monitorMetrics(START.plusSeconds(2))).containsEntry("files_processed", 0L);
    }

    @Test
    void theLastHourCountsEveryStageByResultAndForgetsOlderOutcomes() {
        var tally = new OutcomeTally(START);
        tally.record(outcome(Stage.LOG_MOVE, "/d/casa-1.log", Result.MOVED, 10, null));
        tally.record(outcome(Stage.LOG_MOVE, "/d/casa-2.log", Result.MOVED, 3000, null));
        tally.record(outcome(Stage.TEMP_PURGE, "/d/TMPPOINTING_1", Result.PURGED, 3000, null));
        tally.record(pointing("/in/a_sb00.hdf5", Result.FAILED, 3100, "not an HDF5 file"));

        assertThat(tally.lastHour(START.plusSeconds(3200)))
                .containsEntry("log_move", Map.of("moved", 2L))
                .containsEntry("temp_purge", Map.of("purged", 1L))
                .containsEntry("pointing", Map.of("failed", 1L));
        // An hour after the first move, it is no longer the last hour's.
        assertThat(tally.lastHour(START.plusSeconds(3700))).containsEntry("log_move", Map.of("moved", 1L));
        assertThat(tally.recentFailures()).singleElement().satisfies(f -> {
            assertThat(f.stage()).isEqualTo("pointing");
            assertThat(f.path()).isEqualTo("/in/a_sb00.hdf5");
            assertThat(f.reason()).isEqualTo("not an HDF5 file");
        });
    }

    @Test
    void recentFailuresKeepTheNewestTwenty() {
        var tally = new OutcomeTally(START);
        for (int i = 0; i < 25; i++) {
            tally.record(pointing("/in/" + i + "_sb00.hdf5", Result.FAILED, i, "bad " + i));
        }
        assertThat(tally.recentFailures()).hasSize(OutcomeTally.FAILURES);
        assertThat(tally.recentFailures().get(0).path()).isEqualTo("/in/24_sb00.hdf5");
    }

    private static Map.Entry<String, Object> entry(String key, Object value) {
        return new AbstractMap.SimpleEntry<>(key, value);
    }

    private static Outcome pointing(String path, Result result, long secondsAfterStart, String detail) {
        return outcome(Stage.POINTING, path, result, secondsAfterStart, detail);
    }

    private static Outcome outcome(Stage stage, String path, Result result, long secondsAfterStart, String detail) {
        return new Outcome(
                Outcome.SCHEMA,
                path,
                stage,
                result,
                detail,
                null,
                null,
                null,
                1,
                "processors@test",
                "test",
                START.plusSeconds(secondsAfterStart));
    }
}
