package org.dsa110.contimg.processors.pointing;

import java.time.Instant;
import org.dsa110.contimg.contract.FileIdentity;

/**
 * A UVH5 file that could not be read yet: the value of the {@code pointing-pending} store, keyed by path.
 *
 * @param path       the file
 * @param attempts   tries so far
 * @param nextTry    when to try again
 * @param lastReason why the last try failed
 * @param identity   the file's identity at the last try, {@code null} if it had none (gone) or the record is older
 */
public record PendingExtraction(String path, int attempts, Instant nextTry, String lastReason, FileIdentity identity) {

    /** The same wait, after a try out of turn that found the file changed but still not readable. */
    public PendingExtraction triedOutOfTurn(String reason, FileIdentity now) {
        return new PendingExtraction(path, attempts, nextTry, reason, now);
    }
}
