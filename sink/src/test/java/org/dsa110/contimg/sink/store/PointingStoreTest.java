package org.dsa110.contimg.sink.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.assertj.core.groups.Tuple;
import org.dsa110.contimg.contract.CalibratorTransit;
import org.dsa110.contimg.contract.PointingObservation;
import org.dsa110.contimg.contract.Samples;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code pointing_history} in a real SQLite file. */
class PointingStoreTest {

    private static final Clock FIRST = Clock.fixed(Instant.parse("2025-11-04T10:20:00Z"), ZoneOffset.UTC);
    private static final Clock LATER = Clock.fixed(Instant.parse("2025-11-05T08:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path dir;

    @Test
    void createsTheTableTheOperatorsQueriesKnowPlusTheNewColumns() throws Exception {
        Path db = dir.resolve("state/products.sqlite3");
        try (var store = PointingStore.open(db, FIRST)) {
            store.upsert(List.of(observation("/data/incoming/a_sb00.hdf5", 60983.42309, 201.365, 54.573)));
        }
        try (Connection sql = DriverManager.getConnection("jdbc:sqlite:" + db)) {
            assertThat(columns(sql))
                    .containsExactly(
                            "timestamp",
                            "ra_deg",
                            "dec_deg",
                            "source_file",
                            "ra_app_deg",
                            "dec_app_deg",
                            "ha_deg",
                            "lst_deg",
                            "telescope",
                            "kind",
                            "inserted_at",
                            "start_mjd",
                            "end_mjd",
                            "host");
            assertThat(single(sql, "PRAGMA journal_mode")).isEqualTo("wal");
            assertThat(single(
                            sql,
                            "SELECT ra_deg || ',' || dec_deg FROM pointing_history ORDER BY timestamp DESC "
                                    + "LIMIT 1"))
                    .isEqualTo("201.365,54.573");
        }
    }

    @Test
    void anOldMonitorsDatabaseIsUpgradedInPlaceKeepingItsRows() throws Exception {
        Path db = dir.resolve("products.sqlite3");
        try (Connection old = DriverManager.getConnection("jdbc:sqlite:" + db)) {
            old.createStatement()
                    .execute("CREATE TABLE pointing_history (timestamp REAL PRIMARY KEY, "
                            + "ra_deg REAL NOT NULL, dec_deg REAL NOT NULL)");
            old.createStatement().execute("INSERT INTO pointing_history VALUES (51544.5, 120.0, 33.0)");
        }
        try (var store = PointingStore.open(db, FIRST)) {
            store.upsert(List.of(observation("/data/incoming/b_sb00.hdf5", 60983.5, 201.0, 54.0)));
            assertThat(history(db).between(0, 99999, 10))
                    .extracting(PointingHistory.Row::timestamp)
                    .containsExactly(51544.5, 60983.5);
        }
        try (Connection sql = DriverManager.getConnection("jdbc:sqlite:" + db)) {
            assertThat(columns(sql))
                    .startsWith("timestamp", "ra_deg", "dec_deg")
                    .contains("source_file", "kind", "start_mjd", "end_mjd");
            assertThat(single(sql, "SELECT count(*) FROM pointing_history")).isEqualTo("2");
        }
    }

    @Test
    void eachRowCarriesItsFilesSpanFromTheFirstToTheLastIntegration() throws Exception {
        Path db = dir.resolve("products.sqlite3");
        try (var store = PointingStore.open(db, FIRST)) {
            store.upsert(List.of(observation("/i/span_sb00.hdf5", 60983.5, 10.0, 20.0)));
            assertThat(history(db).between(0, 99999, 10)).singleElement().satisfies(row -> {
                assertThat(row.startMjd()).isEqualTo(60983.5 - 0.0017);
                assertThat(row.endMjd()).isEqualTo(60983.5 + 0.0017);
            });
            // Extracted again with a longer span (the file grew): the row follows.
            var longer = observation("/i/span_sb00.hdf5", 60983.5, 10.0, 20.0);
            store.upsert(List.of(new PointingObservation(
                    longer.schema(),
                    longer.sourceFile(),
                    longer.fileSizeBytes(),
                    longer.fileMtime(),
                    longer.midMjd(),
                    longer.timeUtc(),
                    60983.49,
                    60983.51,
                    longer.raDeg(),
                    longer.decDeg(),
                    longer.raAppDeg(),
                    longer.decAppDeg(),
                    longer.haDeg(),
                    longer.lstAppDeg(),
                    longer.kind(),
                    longer.telescope(),
                    longer.site(),
                    longer.ntimes(),
                    longer.integrationTimeS(),
                    longer.subband(),
                    longer.phaseCenterName(),
                    null)));
            assertThat(history(db).between(0, 99999, 10)).singleElement().satisfies(row -> {
                assertThat(row.startMjd()).isEqualTo(60983.49);
                assertThat(row.endMjd()).isEqualTo(60983.51);
            });
        }
    }

    @Test
    void eachRowSaysWhichHostsTreeHoldsItsFile() throws Exception {
        Path db = dir.resolve("products.sqlite3");
        try (var store = PointingStore.open(db, FIRST)) {
            store.upsert(List.of(
                    observation("/data/a/incoming/a_sb00.hdf5", 60983.1, 201.0, 54.5)
                            .withHost("imager-a"),
                    observation("/data/b/incoming/b_sb00.hdf5", 60983.2, 202.0, 54.5)
                            .withHost("imager-b"),
                    observation("/data/c/incoming/c_sb00.hdf5", 60983.3, 203.0, 54.5)));
        }
        assertThat(history(db).between(0, 99999, 10))
                .extracting(PointingHistory.Row::sourceFile, PointingHistory.Row::host)
                .containsExactly(
                        tuple("/data/a/incoming/a_sb00.hdf5", "imager-a"),
                        tuple("/data/b/incoming/b_sb00.hdf5", "imager-b"),
                        tuple("/data/c/incoming/c_sb00.hdf5", null));
    }

    @Test
    void calibratorTransitsAreWrittenWithTheirBatchAndAReplayNeverDuplicatesOne() throws Exception {
        Path db = dir.resolve("products.sqlite3");
        var transit = new CalibratorTransit(
                CalibratorTransit.SCHEMA,
                "J1331+305",
                "3C286",
                61055.57317972992,
                Instant.parse("2026-01-15T13:45:22.728Z"),
                "/i/t_sb00.hdf5",
                202.7845333,
                30.5091552,
                0.01,
                0.9999,
                15.0,
                14.9985,
                "vla-calibrators-20cm.csv",
                null);
        try (var store = PointingStore.open(db, FIRST)) {
            store.upsert(List.of(observation("/i/t_sb00.hdf5", 61055.573, 202.0, 30.4)), List.of(transit));
            store.upsert(List.of(), List.of(transit)); // a replay
        }
        try (Connection sql = DriverManager.getConnection("jdbc:sqlite:" + db)) {
            assertThat(single(sql, "SELECT count(*) FROM calibrator_transits")).isEqualTo("1");
            assertThat(single(
                            sql,
                            "SELECT key || ' ' || alt_name || ' ' || source_file || ' ' || apparent_flux_jy "
                                    + "FROM calibrator_transits"))
                    .isEqualTo("J1331+305@/i/t_sb00.hdf5 3C286 /i/t_sb00.hdf5 14.9985");
        }
    }

    /**
     * A database and topic from before matches were per file hold rows keyed by transit second. The rows keep the
     * key their record came with, so the file's next observation, which retracts that key and writes the file's
     * own, leaves the table as a rebuild from the topic would: one row, under the new key.
     */
    @Test
    void aRowFromBeforeMatchesWerePerFileIsReplacedByTheFilesOwnKey() throws Exception {
        Path db = dir.resolve("products.sqlite3");
        var transit = Samples.transit("J1331+305", "3C286", 61055.573, "2026-01-15T13:45:22Z", 0.9999);
        String old = "J1331+305@2026-01-15T13:45:22Z";
        try (var store = PointingStore.open(db, FIRST)) {
            store.upsert(List.of(), Map.of(old, transit)); // written before the key changed
        }
        try (var store = PointingStore.open(db, FIRST)) { // the same database, opened by this version
            var next = new LinkedHashMap<String, CalibratorTransit>();
            next.put(old, null);
            next.put(transit.key(), transit);
            store.upsert(List.of(), next);
        }
        try (Connection sql = DriverManager.getConnection("jdbc:sqlite:" + db)) {
            assertThat(single(sql, "SELECT group_concat(key) FROM calibrator_transits"))
                    .isEqualTo(CalibratorTransit.keyOf("J1331+305", transit.sourceFile()));
        }
    }

    /**
     * Two files hold 3C286's transit, on axis and 1 deg off: two rows, the on-axis one best; retracted, the other
     * becomes best; another day's transit has its own best. A table from before the mark is marked on opening.
     */
    @Test
    void theBestFileOfEachTransitIsMarkedAsMatchesComeAndGo() throws Exception {
        Path db = dir.resolve("products.sqlite3");
        var onAxis = Samples.transit("J1331+305", "3C286", 61055.573, "2026-01-15T13:45:22Z", 1.0);
        var off = Samples.inFile(
                Samples.transit("J1331+305", "3C286", 61055.573, "2026-01-15T13:45:22Z", 0.69), "/i/off");
        var nextDay = Samples.inFile(
                Samples.transit("J1331+305", "3C286", 61056.570, "2026-01-16T13:41:26Z", 0.6), "/i/next");
        try (var store = PointingStore.open(db, FIRST)) {
            store.upsert(List.of(), List.of(off, onAxis, nextDay));
            assertThat(best(db)).containsExactly(onAxis.sourceFile() + " 1", "/i/next 1", "/i/off 0");
            var retract = new LinkedHashMap<String, CalibratorTransit>();
            retract.put(onAxis.key(), null);
            store.upsert(List.of(), retract);
            assertThat(best(db)).containsExactly("/i/next 1", "/i/off 1");
            store.upsert(List.of(), List.of(onAxis)); // back, and best again
            assertThat(best(db)).containsExactly(onAxis.sourceFile() + " 1", "/i/next 1", "/i/off 0");
        }
        try (Connection sql = DriverManager.getConnection("jdbc:sqlite:" + db)) {
            sql.createStatement().execute("ALTER TABLE calibrator_transits DROP COLUMN best"); // as before the mark
        }
        try (var store = PointingStore.open(db, FIRST)) {
            assertThat(best(db)).containsExactly(onAxis.sourceFile() + " 1", "/i/next 1", "/i/off 0");
        }
    }

    private static List<String> best(Path db) throws SQLException {
        var rows = new ArrayList<String>();
        try (Connection sql = DriverManager.getConnection("jdbc:sqlite:" + db);
                var result = sql.createStatement()
                        .executeQuery("SELECT source_file, best FROM calibrator_transits ORDER BY source_file")) {
            while (result.next()) {
                rows.add(result.getString(1) + " " + result.getInt(2));
            }
        }
        return rows;
    }

    @Test
    void aFileChangedSoItsMidTimeMovedKeepsOneRowAtItsNewTime() throws Exception {
        Path db = dir.resolve("products.sqlite3");
        try (var store = PointingStore.open(db, FIRST)) {
            store.upsert(List.of(
                    observation("/i/a_sb00.hdf5", 60983.1, 10.0, 20.0),
                    observation("/i/b_sb00.hdf5", 60983.2, 11.0, 21.0)));
            // a_sb00 rewritten with more integrations: its mid-time is later now.
            assertThat(store.upsert(List.of(observation("/i/a_sb00.hdf5", 60983.15, 10.1, 20.0))))
                    .isEmpty();
            assertThat(history(db).between(0, 99999, 10))
                    .extracting(PointingHistory.Row::timestamp, PointingHistory.Row::sourceFile)
                    .containsExactly(Tuple.tuple(60983.15, "/i/a_sb00.hdf5"), Tuple.tuple(60983.2, "/i/b_sb00.hdf5"));
        }
    }

    @Test
    void twoFilesWithOneMidTimeTheFirstKeepsTheRowAndTheSecondIsReported() throws Exception {
        Path db = dir.resolve("products.sqlite3");
        try (var store = PointingStore.open(db, FIRST)) {
            store.upsert(List.of(observation("/data/incoming/x_sb00.hdf5", 60983.3, 12.0, 22.0)));
            var conflicts = store.upsert(List.of(
                    observation("/data/incoming/copy/x_sb00.hdf5", 60983.3, 12.0, 22.0),
                    observation("/data/incoming/y_sb00.hdf5", 60983.4, 13.0, 23.0)));

            assertThat(conflicts)
                    .containsExactly(new PointingStore.Conflict(
                            60983.3, "/data/incoming/x_sb00.hdf5", "/data/incoming/copy/x_sb00.hdf5"));
            assertThat(history(db).between(0, 99999, 10))
                    .extracting(PointingHistory.Row::sourceFile)
                    .containsExactly("/data/incoming/x_sb00.hdf5", "/data/incoming/y_sb00.hdf5");
            // The first file extracted again (a correction) still updates its own row.
            assertThat(store.upsert(List.of(observation("/data/incoming/x_sb00.hdf5", 60983.3, 12.5, 22.0))))
                    .isEmpty();
            assertThat(history(db).between(60983.3, 60983.3, 1).get(0).raDeg()).isEqualTo(12.5);
        }
    }

    @Test
    void replayingTheSameObservationsNeverDuplicatesARow() throws Exception {
        Path db = dir.resolve("products.sqlite3");
        var batch = List.of(
                observation("/i/a_sb00.hdf5", 60983.1, 10.0, 20.0), observation("/i/b_sb00.hdf5", 60983.2, 11.0, 21.0));
        try (var store = PointingStore.open(db, FIRST)) {
            store.upsert(batch);
        }
        try (var store = PointingStore.open(db, LATER)) {
            store.upsert(batch);
            store.upsert(List.of(observation("/i/a_sb00.hdf5", 60983.1, 10.5, 20.5))); // a corrected value
            assertThat(history(db).between(0, 99999, 10))
                    .hasSize(2)
                    .first()
                    .satisfies(row -> assertThat(row.raDeg()).isEqualTo(10.5));
        }
        try (Connection sql = DriverManager.getConnection("jdbc:sqlite:" + db)) {
            assertThat(single(sql, "SELECT inserted_at FROM pointing_history WHERE timestamp = 60983.1"))
                    .as("first insertion time kept")
                    .isEqualTo("2025-11-04T10:20:00Z");
        }
    }

    @Test
    void aBatchIsWrittenWholeOrNotAtAll() throws Exception {
        Path db = dir.resolve("products.sqlite3");
        try (var store = PointingStore.open(db, FIRST)) {
            var batch = new ArrayList<>(List.of(observation("/i/a_sb00.hdf5", 60983.1, 10.0, 20.0)));
            batch.add(observation("/i/bad_sb00.hdf5", 60983.2, Double.NaN, 21.0)); // NaN is NULL in SQLite
            assertThatThrownBy(() -> store.upsert(batch))
                    .isInstanceOf(SQLException.class)
                    .hasMessageContaining("NOT NULL");
            assertThat(history(db).between(0, 99999, 10)).isEmpty();
            store.upsert(batch.subList(0, 1));
            assertThat(history(db).between(0, 99999, 10)).hasSize(1);
        }
    }

    @Test
    void rangesComeInTimeOrderUpToTheLimit() throws Exception {
        Path db = dir.resolve("products.sqlite3");
        try (var store = PointingStore.open(db, FIRST)) {
            store.upsert(List.of(
                    observation("/i/c", 60983.3, 3, 3),
                    observation("/i/a", 60983.1, 1, 1),
                    observation("/i/b", 60983.2, 2, 2),
                    observation("/i/d", 60983.4, 4, 4)));
            assertThat(history(db).between(60983.15, 60983.35, 10))
                    .extracting(PointingHistory.Row::sourceFile)
                    .containsExactly("/i/b", "/i/c");
            assertThat(history(db).between(0, 99999, 2))
                    .extracting(PointingHistory.Row::sourceFile)
                    .containsExactly("/i/a", "/i/b");
        }
    }

    @Test
    void anotherConnectionReadsWhileTheStoreWrites() throws Exception {
        Path db = dir.resolve("products.sqlite3");
        try (var store = PointingStore.open(db, FIRST);
                Connection reader = DriverManager.getConnection("jdbc:sqlite:" + db)) {
            reader.setAutoCommit(false);
            store.upsert(List.of(observation("/i/a", 60983.1, 1, 1)));
            assertThat(single(reader, "SELECT count(*) FROM pointing_history")).isEqualTo("1");
            // The reader holds a read transaction open; with WAL the writer is not blocked.
            store.upsert(List.of(observation("/i/b", 60983.2, 2, 2)));
            reader.commit();
            assertThat(single(reader, "SELECT count(*) FROM pointing_history")).isEqualTo("2");
        }
    }

    @Test
    void theHistoryReadsEveryColumnAndSaysWhenThereIsNoDatabaseYet() throws Exception {
        Path db = dir.resolve("products.sqlite3");
        assertThatThrownBy(() -> history(db).between(0, 99999, 10))
                .isInstanceOf(SQLException.class)
                .hasMessageContaining("does not exist yet");
        try (var store = PointingStore.open(db, FIRST)) {
            store.upsert(List.of(observation("/i/a_sb00.hdf5", 60983.1, 10.0, 20.0)));
        }
        assertThat(history(db).between(0, 99999, 10)).singleElement().satisfies(row -> {
            assertThat(row.raAppDeg()).isEqualTo(10.3);
            assertThat(row.decAppDeg()).isEqualTo(19.9);
            assertThat(row.haDeg()).isEqualTo(0.0);
            assertThat(row.telescope()).isEqualTo("DSA_110");
            assertThat(row.kind()).isEqualTo("dsa110-meridian");
            assertThat(row.insertedAt()).isEqualTo("2025-11-04T10:20:00Z");
        });
    }

    private static PointingHistory history(Path db) {
        return new PointingHistory(db);
    }

    private static PointingObservation observation(String file, double mjd, double ra, double dec) {
        return new PointingObservation(
                PointingObservation.SCHEMA,
                file,
                1L,
                Instant.EPOCH,
                mjd,
                Instant.EPOCH,
                mjd - 0.0017,
                mjd + 0.0017,
                ra,
                dec,
                ra + 0.3,
                dec - 0.1,
                0.0,
                ra + 0.3,
                "dsa110-meridian",
                "DSA_110",
                new PointingObservation.Site(37.23, -118.28, 1188.0),
                24,
                12.9,
                0,
                null,
                null);
    }

    private static List<String> columns(Connection sql) throws SQLException {
        List<String> names = new ArrayList<>();
        try (var rows = sql.createStatement().executeQuery("PRAGMA table_info(pointing_history)")) {
            while (rows.next()) {
                names.add(rows.getString("name"));
            }
        }
        return names;
    }

    private static String single(Connection sql, String query) throws SQLException {
        try (var rows = sql.createStatement().executeQuery(query)) {
            rows.next();
            return rows.getString(1);
        }
    }
}
