package org.dsa110.contimg.processors.pointing;

import java.time.Instant;
import org.dsa110.contimg.contract.FileIdentity;
import org.dsa110.contimg.contract.Outcome;

/**
 * What the extractor last concluded about a file: the value of the {@value PointingExtractProcessor#DONE_STORE} store,
 * keyed by path. A request for the file while it still has this identity does nothing.
 *
 * @param identity the file's identity when it was read (size, modification time, inode)
 * @param result   {@code extracted}, or {@code failed} for good
 * @param detail   the kind of pointing, or why it failed
 * @param at       when
 */
public record ExtractedFile(FileIdentity identity, Outcome.Result result, String detail, Instant at) {}
