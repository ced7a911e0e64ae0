package org.dsa110.contimg.processors.logs;

import java.nio.file.Path;

/** What one attempt to move a log came to. */
public sealed interface MoveResult {

    /** The log now lives at {@code target}; {@code bytes} is its size. */
    record Moved(Path target, long bytes, boolean copied) implements MoveResult {}

    /** The source was gone before it could be moved: an outcome, not an error. */
    record Vanished() implements MoveResult {}

    /** Another filesystem, and the log is still being written: try again later. */
    record NotQuiescent(String detail) implements MoveResult {}

    /** The request is not one this mover acts on (outside the roots, not a CASA log, a link...). */
    record Rejected(String reason) implements MoveResult {}

    /** The move failed; the source is where it was. */
    record Failed(String reason) implements MoveResult {}
}
