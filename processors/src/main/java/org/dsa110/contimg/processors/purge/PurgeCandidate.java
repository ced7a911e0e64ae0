package org.dsa110.contimg.processors.purge;

import java.time.Instant;

/**
 * A purge candidate the purger keeps an eye on: the value of the {@code temp-purge-candidates} store, keyed by
 * path.
 *
 * @param path         the candidate
 * @param rule         the rule that covers it
 * @param nextCheck    when it is checked next
 * @param reportedKept whether its being kept (still active) was already reported
 */
public record PurgeCandidate(String path, String rule, Instant nextCheck, boolean reportedKept) {}
