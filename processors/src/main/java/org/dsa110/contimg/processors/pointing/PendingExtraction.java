package org.dsa110.contimg.processors.pointing;

import java.time.Instant;

/**
 * A UVH5 file that could not be read yet: the value of the {@code pointing-pending} store, keyed by path.
 *
 * @param path       the file
 * @param attempts   tries so far
 * @param nextTry    when to try again
 * @param lastReason why the last try failed
 */
public record PendingExtraction(String path, int attempts, Instant nextTry, String lastReason) {
}
