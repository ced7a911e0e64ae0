package org.dsa110.contimg.contract;

import java.time.Instant;
import java.util.Objects;

/**
 * A first-sub-band UVH5 file whose pointing should be recorded: the value of {@code contimg.pointing-requests},
 * keyed by {@link #path()}.
 *
 * @param schema      wire version of this record
 * @param path        absolute path of the {@code *_sb00.hdf5} file
 * @param requestedAt when the classifier routed the event
 * @param event       the file event that led to this request
 */
public record PointingRequest(int schema, String path, Instant requestedAt, FileEvent event) {

    public static final int SCHEMA = 1;

    public PointingRequest {
        Objects.requireNonNull(path, "path");
    }

    public PointingRequest(FileEvent event, Instant requestedAt) {
        this(SCHEMA, event.path(), requestedAt, event);
    }
}
