package org.dsa110.contimg.processors.pointing;

import org.dsa110.contimg.contract.Outcome;
import org.dsa110.contimg.contract.PointingObservation;

/**
 * One record the extractor emits (never serialized): an observation for {@code contimg.pointing}, or an outcome for
 * {@code contimg.outcomes}. The topology splits the two into their topics.
 */
public sealed interface ExtractorOutput {

    /** The pointing of a file. */
    record Observed(PointingObservation observation) implements ExtractorOutput {}

    /** What became of a request. */
    record Reported(Outcome outcome) implements ExtractorOutput {}
}
