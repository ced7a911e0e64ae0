package org.dsa110.contimg.processors.pointing;

import org.dsa110.contimg.events.Outcome;
import org.dsa110.contimg.events.PointingObservation;

/** One record the extractor emits: an observation for {@code contimg.pointing} or an outcome (never serialized). */
public record ExtractorOutput(PointingObservation observation, Outcome outcome) {
}
