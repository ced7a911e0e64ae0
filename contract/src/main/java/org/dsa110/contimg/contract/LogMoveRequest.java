package org.dsa110.contimg.contract;

import java.time.Instant;
import java.util.Objects;

/**
 * A CASA log the classifier found outside the log directory: the value of {@code contimg.log-moves}, keyed by
 * {@link #path()}.
 *
 * @param schema      wire version of this record
 * @param path        absolute path of the log file to move
 * @param requestedAt when the classifier routed the event
 * @param event       the file event that led to this request
 */
public record LogMoveRequest(int schema, String path, Instant requestedAt, FileEvent event) {

    public static final int SCHEMA = 1;

    public LogMoveRequest {
        Objects.requireNonNull(path, "path");
    }

    public LogMoveRequest(FileEvent event, Instant requestedAt) {
        this(SCHEMA, event.path(), requestedAt, event);
    }
}
