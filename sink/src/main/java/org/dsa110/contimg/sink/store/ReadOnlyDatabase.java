package org.dsa110.contimg.sink.store;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.sqlite.SQLiteConfig;

/** How the readers of the products database connect: read-only, so no query can write, riding out writers' locks. */
final class ReadOnlyDatabase {

    private ReadOnlyDatabase() {}

    static Connection open(Path database) throws SQLException {
        if (!Files.isRegularFile(database)) {
            throw new SQLException("the pointing database " + database + " does not exist yet");
        }
        SQLiteConfig config = new SQLiteConfig();
        config.setReadOnly(true);
        config.setBusyTimeout(5000);
        return config.createConnection("jdbc:sqlite:" + database.toAbsolutePath());
    }

    /** A nullable REAL column. */
    static Double nullable(ResultSet result, int column) throws SQLException {
        double value = result.getDouble(column);
        return result.wasNull() ? null : value;
    }
}
