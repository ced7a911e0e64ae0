package org.dsa110.contimg.sink.store;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.dsa110.contimg.contract.CalibratorTransit;

/**
 * Read-only queries of {@code calibrator_transits} (prepared statements, a read-only connection), the companion of
 * {@link PointingHistory}: for {@code contimg transits} and the HTTP API. Rows come back as the records they were
 * written from.
 */
public final class TransitHistory {

    private static final String SELECT = "SELECT calibrator, alt_name, transit_mjd, transit_time, source_file, "
            + "ra_deg, dec_deg, offset_deg, response, flux_jy, apparent_flux_jy, catalog, best FROM calibrator_transits "
            + "WHERE transit_mjd BETWEEN ? AND ? AND response >= ? "
            + "AND (? IS NULL OR calibrator = ? COLLATE NOCASE OR alt_name = ? COLLATE NOCASE) "
            + "ORDER BY transit_mjd %s LIMIT ?";

    private final Path database;

    public TransitHistory(Path database) {
        this.database = database;
    }

    /**
     * Transits with {@code start <= transit_mjd <= end}, a response of at least {@code minResponse}, of the source
     * named {@code name} (its catalog name or other name, any case; {@code null}: every source), in time order.
     */
    public List<CalibratorTransit> between(double startMjd, double endMjd, String name, double minResponse, int limit)
            throws SQLException {
        return between(startMjd, endMjd, name, minResponse, limit, false);
    }

    /** The same, newest first when {@code newestFirst}: the latest {@code limit} of them. */
    public List<CalibratorTransit> between(
            double startMjd, double endMjd, String name, double minResponse, int limit, boolean newestFirst)
            throws SQLException {
        List<CalibratorTransit> rows = new ArrayList<>();
        // The order is one of two constants, never a request's text.
        String select = String.format(SELECT, newestFirst ? "DESC" : "ASC");
        try (Connection connection = ReadOnlyDatabase.open(database);
                PreparedStatement statement = connection.prepareStatement(select)) {
            statement.setDouble(1, startMjd);
            statement.setDouble(2, endMjd);
            statement.setDouble(3, minResponse);
            statement.setString(4, name);
            statement.setString(5, name);
            statement.setString(6, name);
            statement.setInt(7, limit);
            try (ResultSet result = statement.executeQuery()) {
                while (result.next()) {
                    rows.add(new CalibratorTransit(
                            CalibratorTransit.SCHEMA,
                            result.getString(1),
                            result.getString(2),
                            result.getDouble(3),
                            Instant.parse(result.getString(4)),
                            result.getString(5),
                            result.getDouble(6),
                            result.getDouble(7),
                            result.getDouble(8),
                            result.getDouble(9),
                            ReadOnlyDatabase.nullable(result, 10),
                            ReadOnlyDatabase.nullable(result, 11),
                            result.getString(12),
                            result.getObject(13) == null ? null : result.getInt(13) != 0));
                }
            }
        }
        return rows;
    }
}
