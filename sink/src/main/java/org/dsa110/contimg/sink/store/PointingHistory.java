package org.dsa110.contimg.sink.store;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.dsa110.contimg.pointing.analysis.ObservedFile;
import org.dsa110.contimg.sink.write.PointingSink;

/**
 * Reads {@code pointing_history} for the HTTP API and the commands that analyse it. Each query opens its own read-only connection: WAL lets it read
 * while the {@link PointingSink} writes, and it can never write, whatever a request asks for.
 */
public final class PointingHistory {

    private static final String SELECT = "SELECT timestamp, ra_deg, dec_deg, source_file, ra_app_deg, dec_app_deg, "
            + "ha_deg, lst_deg, telescope, kind, inserted_at, start_mjd, end_mjd, host FROM pointing_history "
            + "WHERE timestamp BETWEEN ? AND ? ORDER BY timestamp LIMIT ?";
    /**
     * One row per interval: SQLite gives the bare columns of a {@code MIN()} aggregate from the row holding the
     * minimum, so each interval is represented by its first observation (a real one, not an average of angles).
     */
    private static final String SELECT_SAMPLED = "SELECT MIN(timestamp), ra_deg, dec_deg, source_file, ra_app_deg, "
            + "dec_app_deg, ha_deg, lst_deg, telescope, kind, inserted_at, start_mjd, end_mjd, host, COUNT(*) "
            + "FROM pointing_history WHERE timestamp BETWEEN ? AND ? "
            + "GROUP BY CAST((timestamp - ?) / ? AS INTEGER) ORDER BY 1 LIMIT ?";

    private static final String SELECT_OBSERVED = "SELECT timestamp, start_mjd, end_mjd, ra_deg, dec_deg, kind "
            + "FROM pointing_history WHERE timestamp BETWEEN ? AND ? ORDER BY timestamp";
    private static final String SELECT_LATEST = "SELECT timestamp, ra_deg, dec_deg, source_file, ra_app_deg, "
            + "dec_app_deg, ha_deg, lst_deg, telescope, kind, inserted_at, start_mjd, end_mjd, host FROM pointing_history "
            + "ORDER BY timestamp DESC LIMIT 1";

    private final Path database;

    public PointingHistory(Path database) {
        this.database = database;
    }

    /**
     * One row of {@code pointing_history}: {@code timestamp} is the MJD (UTC) of the observation's mid-time,
     * {@code raDeg}/{@code decDeg} ICRS, {@code startMjd}/{@code endMjd} the file's first and last integration times;
     * {@code host} the id of the host whose tree holds the file; the rest may be null in rows an older monitor (or, for
     * {@code host}, an older pipeline) wrote.
     */
    public record Row(
            double timestamp,
            double raDeg,
            double decDeg,
            String sourceFile,
            Double raAppDeg,
            Double decAppDeg,
            Double haDeg,
            Double lstDeg,
            String telescope,
            String kind,
            String insertedAt,
            Double startMjd,
            Double endMjd,
            String host) {}

    /** Rows with {@code start <= timestamp <= end} (MJD), in time order, at most {@code limit}. */
    public List<Row> between(double startMjd, double endMjd, int limit) throws SQLException {
        List<Row> rows = new ArrayList<>();
        try (Connection connection = ReadOnlyDatabase.open(database);
                PreparedStatement statement = connection.prepareStatement(SELECT)) {
            statement.setDouble(1, startMjd);
            statement.setDouble(2, endMjd);
            statement.setInt(3, limit);
            try (ResultSet result = statement.executeQuery()) {
                while (result.next()) {
                    rows.add(row(result));
                }
            }
        }
        return rows;
    }

    /** A sample of the rows in time order: the first of each {@code intervalDays}, with how many it stands for. */
    public record Sample(Row first, long rows) {}

    /**
     * Rows with {@code start <= timestamp <= end}, one per {@code intervalDays} counted from {@code start}: the
     * first of each interval, so years of history plot as a few thousand points.
     */
    public List<Sample> sampled(double startMjd, double endMjd, double intervalDays, int limit) throws SQLException {
        List<Sample> samples = new ArrayList<>();
        try (Connection connection = ReadOnlyDatabase.open(database);
                PreparedStatement statement = connection.prepareStatement(SELECT_SAMPLED)) {
            statement.setDouble(1, startMjd);
            statement.setDouble(2, endMjd);
            statement.setDouble(3, startMjd);
            statement.setDouble(4, intervalDays);
            statement.setInt(5, limit);
            try (ResultSet result = statement.executeQuery()) {
                while (result.next()) {
                    samples.add(new Sample(row(result), result.getLong(15)));
                }
            }
        }
        return samples;
    }

    /** The rows with {@code start <= timestamp <= end} as the analyses read them, in time order. */
    public List<ObservedFile> observed(double startMjd, double endMjd) throws SQLException {
        List<ObservedFile> files = new ArrayList<>();
        try (Connection connection = ReadOnlyDatabase.open(database);
                PreparedStatement statement = connection.prepareStatement(SELECT_OBSERVED)) {
            statement.setDouble(1, startMjd);
            statement.setDouble(2, endMjd);
            statement.setFetchSize(10_000);
            try (ResultSet result = statement.executeQuery()) {
                while (result.next()) {
                    files.add(new ObservedFile(
                            result.getDouble(1),
                            ReadOnlyDatabase.nullable(result, 2),
                            ReadOnlyDatabase.nullable(result, 3),
                            result.getDouble(4),
                            result.getDouble(5),
                            result.getString(6)));
                }
            }
        }
        return files;
    }

    /** The latest row (by observation time), or {@code null} when the table is empty. */
    public Row latest() throws SQLException {
        try (Connection connection = ReadOnlyDatabase.open(database);
                PreparedStatement statement = connection.prepareStatement(SELECT_LATEST);
                ResultSet result = statement.executeQuery()) {
            return result.next() ? row(result) : null;
        }
    }

    private static Row row(ResultSet result) throws SQLException {
        return new Row(
                result.getDouble(1),
                result.getDouble(2),
                result.getDouble(3),
                result.getString(4),
                ReadOnlyDatabase.nullable(result, 5),
                ReadOnlyDatabase.nullable(result, 6),
                ReadOnlyDatabase.nullable(result, 7),
                ReadOnlyDatabase.nullable(result, 8),
                result.getString(9),
                result.getString(10),
                result.getString(11),
                ReadOnlyDatabase.nullable(result, 12),
                ReadOnlyDatabase.nullable(result, 13),
                result.getString(14));
    }

    public Path database() {
        return database;
    }
}
