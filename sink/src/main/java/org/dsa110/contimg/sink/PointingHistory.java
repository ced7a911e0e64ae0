package org.dsa110.contimg.sink;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads {@code pointing_history} for the HTTP API. Each query opens its own read-only connection: WAL lets it read
 * while the {@link PointingSink} writes, and it can never write, whatever a request asks for.
 */
public final class PointingHistory {

    private static final String SELECT = "SELECT timestamp, ra_deg, dec_deg, source_file, ra_app_deg, dec_app_deg, "
            + "ha_deg, lst_deg, telescope, kind, inserted_at, start_mjd, end_mjd FROM pointing_history "
            + "WHERE timestamp BETWEEN ? AND ? ORDER BY timestamp LIMIT ?";

    private final Path database;

    public PointingHistory(Path database) {
        this.database = database;
    }

    /**
     * One row of {@code pointing_history}: {@code timestamp} is the MJD (UTC) of the observation's mid-time,
     * {@code raDeg}/{@code decDeg} ICRS, {@code startMjd}/{@code endMjd} the file's first and last integration times;
     * the rest may be null in rows an older monitor wrote.
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
            Double endMjd) {}

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
                    rows.add(new Row(
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
                            ReadOnlyDatabase.nullable(result, 13)));
                }
            }
        }
        return rows;
    }

    public Path database() {
        return database;
    }
}
