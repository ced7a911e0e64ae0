package org.dsa110.contimg.sink;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.sqlite.SQLiteConfig;

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
        if (!Files.isRegularFile(database)) {
            throw new SQLException("the pointing database " + database + " does not exist yet");
        }
        SQLiteConfig config = new SQLiteConfig();
        config.setReadOnly(true);
        config.setBusyTimeout(5000);
        List<Row> rows = new ArrayList<>();
        try (Connection connection = config.createConnection("jdbc:sqlite:" + database.toAbsolutePath());
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
                            nullable(result, 5),
                            nullable(result, 6),
                            nullable(result, 7),
                            nullable(result, 8),
                            result.getString(9),
                            result.getString(10),
                            result.getString(11),
                            nullable(result, 12),
                            nullable(result, 13)));
                }
            }
        }
        return rows;
    }

    public Path database() {
        return database;
    }

    private static Double nullable(ResultSet result, int column) throws SQLException {
        double value = result.getDouble(column);
        return result.wasNull() ? null : value;
    }
}
