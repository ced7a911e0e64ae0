package org.dsa110.contimg.pointing.calibrators;

import java.time.Instant;

/**
 * A calibrator's meridian transit inside a file's span, within the primary beam.
 *
 * @param calibrator     the source
 * @param transitMjd     when its apparent hour angle at the site is 0, MJD (UTC)
 * @param transitTime    the same, as an instant
 * @param sourceFile     the file whose span holds it
 * @param offsetDeg      the angle between the source at transit and the pointing centre then, degrees
 * @param response       the primary beam's response at that offset, 1 on axis
 * @param apparentFluxJy the catalog flux times the response, Jy; {@code null} when the catalog has no flux
 */
public record Transit(
        Calibrator calibrator,
        double transitMjd,
        Instant transitTime,
        String sourceFile,
        double offsetDeg,
        double response,
        Double apparentFluxJy) {}
