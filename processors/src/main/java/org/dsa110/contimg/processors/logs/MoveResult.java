package org.dsa110.contimg.processors.logs;

import java.nio.file.Path;

/** What one attempt to move a log came to. */
public sealed interface MoveResult {

    /**
     * The result's name as {@code contimg sweep-logs --json} writes it. Written out in each kind, not derived from the
     * class name: other programs read it, and a renamed record must not change it.
     */
    String label();

    /** The log now lives at {@code target}; {@code bytes} is its size. */
    record Moved(Path target, long bytes, boolean copied) implements MoveResult {
        @Override
        public String label() {
            return "moved";
        }
    }

    /** The source was gone before it could be moved: an outcome, not an error. */
    record Vanished() implements MoveResult {
        @Override
        public String label() {
            return "vanished";
        }
    }

    /** Another filesystem, and the log is still being written: try again later. */
    record NotQuiescent(String detail) implements MoveResult {
        @Override
        public String label() {
            return "notquiescent";
        }
    }

    /** The request is not one this mover acts on (outside the roots, not a CASA log, a link...). */
    record Rejected(String reason) implements MoveResult {
        @Override
        public String label() {
            return "rejected";
        }
    }

    /** The move failed; the source is where it was. */
    record Failed(String reason) implements MoveResult {
        @Override
        public String label() {
            return "failed";
        }
    }
}
