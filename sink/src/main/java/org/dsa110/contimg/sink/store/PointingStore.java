package org.dsa110.contimg.sink.store;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.dsa110.contimg.contract.CalibratorTransit;
import org.dsa110.contimg.contract.PointingObservation;

/**
 * {@code pointing_history} in SQLite, as the operators' queries know it: {@code timestamp} (MJD, the primary key),
 * {@code ra_deg}, {@code dec_deg} (ICRS), plus the columns the new pipeline adds. A database the old monitor wrote
 * (its three columns only) is upgraded in place by adding the missing columns; nothing is ever dropped.
 *
 * <p>WAL mode lets the HTTP API and the operators' {@code sqlite3} read while rows are written; a busy timeout
 * rides out their locks. Writes are upserts keyed by {@code timestamp}, in one transaction per batch, so replaying
 * any range of {@code contimg.pointing} never duplicates a row. A file has one row: extracted again after a change
 * that moved its mid-time, its old row goes.
 *
 * <p>Two different files with the same mid-time (a copy under another directory, say) cannot both have a row, as
 * {@code timestamp} is the key. The rule: <b>the first file keeps the row</b>; the second is refused, never
 * silently swapped in, and reported as a {@link Conflict} naming both (the sink logs it and counts it in its
 * status). A row of the old monitor (no {@code source_file}) is replaced by the pipeline's.
 */
public final class PointingStore implements AutoCloseable {

    /** Columns beyond the old monitor's three, in the order they are added. */
    private static final Map<String, String> EXTRA_COLUMNS = new LinkedHashMap<>();

    static {
        EXTRA_COLUMNS.put("source_file", "TEXT");
        EXTRA_COLUMNS.put("ra_app_deg", "REAL");
        EXTRA_COLUMNS.put("dec_app_deg", "REAL");
        EXTRA_COLUMNS.put("ha_deg", "REAL");
        EXTRA_COLUMNS.put("lst_deg", "REAL");
        EXTRA_COLUMNS.put("telescope", "TEXT");
        EXTRA_COLUMNS.put("kind", "TEXT");
        EXTRA_COLUMNS.put("inserted_at", "TEXT");
        // The file's span: its first and last integration times, MJD (UTC), to place a transit inside a file.
        EXTRA_COLUMNS.put("start_mjd", "REAL");
        EXTRA_COLUMNS.put("end_mjd", "REAL");
        // The id of the host whose tree holds the file (--host-id): one database for every host's files.
        EXTRA_COLUMNS.put("host", "TEXT");
    }

    private static final String UPSERT = "INSERT INTO pointing_history (timestamp, ra_deg, dec_deg, source_file, "
            + "ra_app_deg, dec_app_deg, ha_deg, lst_deg, telescope, kind, inserted_at, start_mjd, end_mjd, host) "
            + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
            + "ON CONFLICT(timestamp) DO UPDATE SET ra_deg = excluded.ra_deg, dec_deg = excluded.dec_deg, "
            + "source_file = excluded.source_file, ra_app_deg = excluded.ra_app_deg, "
            + "dec_app_deg = excluded.dec_app_deg, ha_deg = excluded.ha_deg, lst_deg = excluded.lst_deg, "
            + "telescope = excluded.telescope, kind = excluded.kind, start_mjd = excluded.start_mjd, "
            + "end_mjd = excluded.end_mjd, host = excluded.host "
            + "WHERE pointing_history.source_file IS NULL OR pointing_history.source_file = excluded.source_file";
    // inserted_at is left alone on conflict: it says when the row first appeared.
    /** The file's row at another mid-time: the file changed and its mid-time moved. */
    private static final String MOVED = "DELETE FROM pointing_history WHERE source_file = ? AND timestamp <> ?";

    /** One row per transit, keyed as on {@code contimg.calibrator-transits}: a replay never duplicates one. */
    private static final String TRANSITS_TABLE = "CREATE TABLE IF NOT EXISTS calibrator_transits ("
            + "key TEXT PRIMARY KEY, calibrator TEXT NOT NULL, alt_name TEXT, transit_mjd REAL NOT NULL, "
            + "transit_time TEXT NOT NULL, source_file TEXT NOT NULL, ra_deg REAL, dec_deg REAL, offset_deg REAL, "
            + "response REAL, flux_jy REAL, apparent_flux_jy REAL, catalog TEXT, inserted_at TEXT, best INTEGER)";

    /** The same transit: one calibrator within a tenth of a day (it transits once a sidereal day). */
    private static final String SAME_TRANSIT = "o.transit_mjd BETWEEN t.transit_mjd - 0.1 AND t.transit_mjd + 0.1";

    /**
     * Marks every match: best when no other file holding the same
     * transit has a higher response (ties to the first file by name, then the first key).
     */
    private static final String MARK_ALL = "UPDATE calibrator_transits AS t SET best = NOT EXISTS ("
            + "SELECT 1 FROM calibrator_transits o WHERE o.calibrator = t.calibrator AND " + SAME_TRANSIT
            + " AND (o.response > t.response OR (o.response = t.response AND (o.source_file < t.source_file "
            + "OR (o.source_file = t.source_file AND o.key < t.key)))))";

    /** The same, for the matches of one calibrator's transit near a time. */
    private static final String MARK_BEST =
            MARK_ALL + " WHERE t.calibrator = ? AND t.transit_mjd BETWEEN ? - 0.1 AND ? + 0.1";

    private static final String TRANSIT_OF = "SELECT calibrator, transit_mjd FROM calibrator_transits WHERE key = ?";

    private static final String RETRACT_TRANSIT = "DELETE FROM calibrator_transits WHERE key = ?";
    private static final String UPSERT_TRANSIT = "INSERT INTO calibrator_transits (key, calibrator, alt_name, "
            + "transit_mjd, transit_time, source_file, ra_deg, dec_deg, offset_deg, response, flux_jy, "
            + "apparent_flux_jy, catalog, inserted_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
            + "ON CONFLICT(key) DO UPDATE SET calibrator = excluded.calibrator, alt_name = excluded.alt_name, "
            + "transit_mjd = excluded.transit_mjd, transit_time = excluded.transit_time, "
            + "source_file = excluded.source_file, ra_deg = excluded.ra_deg, dec_deg = excluded.dec_deg, "
            + "offset_deg = excluded.offset_deg, response = excluded.response, flux_jy = excluded.flux_jy, "
            + "apparent_flux_jy = excluded.apparent_flux_jy, catalog = excluded.catalog";

    private static final String HOLDER = "SELECT source_file FROM pointing_history WHERE timestamp = ?";

    /**
     * A file refused a row because another file holds its mid-time.
     *
     * @param timestamp the mid-time both files have (MJD)
     * @param kept      the file that holds the row
     * @param refused   the file that was not written
     */
    public record Conflict(double timestamp, String kept, String refused) {}

    /** A calibrator's transit, by when: whose matches' marks a write may change. */
    private record TransitAt(String calibrator, double mjd) {}

    private final Path file;
    private final Connection connection;
    private final Clock clock;

    private PointingStore(Path file, Connection connection, Clock clock) {
        this.file = file;
        this.connection = connection;
        this.clock = clock;
    }

    /** Opens (creating it and its directory if missing) and upgrades the database. */
    public static PointingStore open(Path file, Clock clock) throws SQLException, IOException {
        if (file.getParent() != null) {
            try {
                Files.createDirectories(file.getParent());
            } catch (FileAlreadyExistsException e) {
                throw new IOException("cannot create directory " + e.getFile() + ": a file is in the way", e);
            } catch (AccessDeniedException e) {
                throw new IOException("cannot create directory " + e.getFile() + ": permission denied", e);
            }
        }
        Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath());
        try {
            try (Statement statement = connection.createStatement()) {
                statement.execute("PRAGMA journal_mode=WAL");
                statement.execute("PRAGMA busy_timeout=5000");
                // Every commit reaches the disk before the sink commits its Kafka offsets: with NORMAL a power cut
                // could lose rows whose offsets are already committed, and nothing would read them again.
                statement.execute("PRAGMA synchronous=FULL");
                statement.execute("CREATE TABLE IF NOT EXISTS pointing_history ("
                        + "timestamp REAL PRIMARY KEY, ra_deg REAL NOT NULL, dec_deg REAL NOT NULL)");
            }
            Set<String> present = columns(connection, "pointing_history");
            try (Statement statement = connection.createStatement()) {
                for (var column : EXTRA_COLUMNS.entrySet()) {
                    if (!present.contains(column.getKey())) {
                        statement.execute(
                                "ALTER TABLE pointing_history ADD COLUMN " + column.getKey() + " " + column.getValue());
                    }
                }
                statement.execute("CREATE INDEX IF NOT EXISTS pointing_history_source_file "
                        + "ON pointing_history (source_file)");
                statement.execute(TRANSITS_TABLE);
                if (!columns(connection, "calibrator_transits").contains("best")) {
                    // A table from before matches were marked: marked once, whole.
                    statement.execute("ALTER TABLE calibrator_transits ADD COLUMN best INTEGER");
                    statement.execute(MARK_ALL);
                }
                statement.execute("CREATE INDEX IF NOT EXISTS calibrator_transits_time "
                        + "ON calibrator_transits (transit_mjd)");
            }
            connection.setAutoCommit(false);
            connection.commit();
        } catch (SQLException e) {
            connection.close();
            throw e;
        }
        return new PointingStore(file, connection, clock);
    }

    private static Set<String> columns(Connection connection, String table) throws SQLException {
        Set<String> names = new HashSet<>();
        try (Statement statement = connection.createStatement();
                // The table is one of two constants, never input.
                ResultSet rows = statement.executeQuery("PRAGMA table_info(" + table + ")")) {
            while (rows.next()) {
                names.add(rows.getString("name"));
            }
        }
        return names;
    }

    /**
     * Writes the batch in one transaction: all rows or none.
     *
     * @return the observations refused because another file holds their mid-time (usually none)
     */
    public List<Conflict> upsert(List<PointingObservation> batch) throws SQLException {
        return upsert(batch, List.of());
    }

    /**
     * Writes the observations and the calibrator transits in one transaction: all rows or none.
     *
     * @return the observations refused because another file holds their mid-time (usually none)
     */
    public List<Conflict> upsert(List<PointingObservation> batch, List<CalibratorTransit> transits)
            throws SQLException {
        var byKey = new LinkedHashMap<String, CalibratorTransit>();
        transits.forEach(t -> byKey.put(t.key(), t));
        return upsert(batch, byKey);
    }

    /**
     * Writes the observations and the calibrator transits, by their keys on {@code contimg.calibrator-transits} (a
     * {@code null} transit deletes its key's row: a retraction), in one transaction: all or nothing. A row keeps the
     * key its record came with, so a replay of the topic rebuilds the same table, keys written before matches were
     * per file ({@link CalibratorTransit#isTransitKey}) included, and their retractions find them.
     *
     * @return the observations refused because another file holds their mid-time (usually none)
     */
    public List<Conflict> upsert(List<PointingObservation> batch, Map<String, CalibratorTransit> transits)
            throws SQLException {
        String now = clock.instant().toString();
        try (PreparedStatement moved = connection.prepareStatement(MOVED);
                PreparedStatement retract = connection.prepareStatement(RETRACT_TRANSIT);
                PreparedStatement statement = connection.prepareStatement(UPSERT);
                PreparedStatement transit = connection.prepareStatement(UPSERT_TRANSIT);
                PreparedStatement transitOf = connection.prepareStatement(TRANSIT_OF);
                PreparedStatement mark = connection.prepareStatement(MARK_BEST)) {
            // The transits whose best file may change: those written, and those of the rows about to be retracted.
            Set<TransitAt> touched = new LinkedHashSet<>();
            for (var entry : transits.entrySet()) {
                CalibratorTransit t = entry.getValue();
                if (t != null) {
                    touched.add(new TransitAt(t.calibrator(), t.transitMjd()));
                    continue;
                }
                transitOf.setString(1, entry.getKey());
                try (ResultSet row = transitOf.executeQuery()) {
                    if (row.next()) {
                        touched.add(new TransitAt(row.getString(1), row.getDouble(2)));
                    }
                }
            }
            for (var entry : transits.entrySet()) {
                CalibratorTransit t = entry.getValue();
                if (t == null) {
                    retract.setString(1, entry.getKey());
                    retract.addBatch();
                    continue;
                }
                transit.setString(1, entry.getKey());
                transit.setString(2, t.calibrator());
                transit.setString(3, t.altName());
                transit.setDouble(4, t.transitMjd());
                transit.setString(5, t.transitTime().toString());
                transit.setString(6, t.sourceFile());
                transit.setDouble(7, t.raDeg());
                transit.setDouble(8, t.decDeg());
                transit.setDouble(9, t.offsetDeg());
                transit.setDouble(10, t.response());
                setNullable(transit, 11, t.fluxJy());
                setNullable(transit, 12, t.apparentFluxJy());
                transit.setString(13, t.catalog());
                transit.setString(14, now);
                transit.addBatch();
            }
            transit.executeBatch();
            retract.executeBatch();
            for (TransitAt at : touched) {
                mark.setString(1, at.calibrator());
                mark.setDouble(2, at.mjd());
                mark.setDouble(3, at.mjd());
                mark.addBatch();
            }
            mark.executeBatch();
            for (PointingObservation observation : batch) {
                moved.setString(1, observation.sourceFile());
                moved.setDouble(2, observation.midMjd());
                moved.addBatch();
            }
            moved.executeBatch();
            for (PointingObservation observation : batch) {
                statement.setDouble(1, observation.midMjd());
                statement.setDouble(2, observation.raDeg());
                statement.setDouble(3, observation.decDeg());
                statement.setString(4, observation.sourceFile());
                setNullable(statement, 5, observation.raAppDeg());
                setNullable(statement, 6, observation.decAppDeg());
                setNullable(statement, 7, observation.haDeg());
                setNullable(statement, 8, observation.lstAppDeg());
                statement.setString(9, observation.telescope());
                statement.setString(10, observation.kind());
                statement.setString(11, now);
                setNullable(statement, 12, observation.startMjd());
                setNullable(statement, 13, observation.endMjd());
                statement.setString(14, observation.host());
                statement.addBatch();
            }
            int[] changed = statement.executeBatch();
            List<Conflict> conflicts = conflicts(batch, changed);
            connection.commit();
            return conflicts;
        } catch (SQLException e) {
            rollBack(e);
            throw e;
        }
    }

    /**
     * Rolls the failed transaction back, keeping the failure's own reason: on a full disk SQLite has already rolled
     * back ({@code SQLITE_FULL}), and the rollback's "no transaction is active" would otherwise be all anyone sees.
     */
    private void rollBack(SQLException failure) {
        try {
            connection.rollback();
        } catch (SQLException e) {
            failure.addSuppressed(e);
        }
    }

    /** The observations whose upsert changed nothing: another file holds the row. */
    private List<Conflict> conflicts(List<PointingObservation> batch, int[] changed) throws SQLException {
        List<Conflict> conflicts = new ArrayList<>();
        for (int i = 0; i < changed.length; i++) {
            if (changed[i] == 0) {
                PointingObservation refused = batch.get(i);
                try (PreparedStatement holder = connection.prepareStatement(HOLDER)) {
                    holder.setDouble(1, refused.midMjd());
                    try (ResultSet row = holder.executeQuery()) {
                        String kept = row.next() ? row.getString(1) : null;
                        conflicts.add(new Conflict(refused.midMjd(), kept, refused.sourceFile()));
                    }
                }
            }
        }
        return conflicts;
    }

    public Path file() {
        return file;
    }

    @Override
    public void close() throws SQLException {
        connection.close();
    }

    private static void setNullable(PreparedStatement statement, int index, Double value) throws SQLException {
        if (value == null) {
            statement.setNull(index, Types.REAL);
        } else {
            statement.setDouble(index, value);
        }
    }
}
