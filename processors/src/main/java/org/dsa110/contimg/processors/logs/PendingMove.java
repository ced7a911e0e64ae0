package org.dsa110.contimg.processors.logs;

import java.time.Instant;

/**
 * A log waiting to be quiescent before it is copied to another filesystem: the value of the
 * {@code log-move-pending} store, keyed by path.
 *
 * @param path     the log
 * @param attempts how many times it was tried
 * @param since    when it was first tried
 */
public record PendingMove(String path, int attempts, Instant since) {}
