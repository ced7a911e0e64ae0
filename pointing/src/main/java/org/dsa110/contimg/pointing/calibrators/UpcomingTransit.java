package org.dsa110.contimg.pointing.calibrators;

import java.time.Instant;

/**
 * A calibrator's meridian transit still to come, inside the beam if the telescope stays where it points now
 * ({@link TransitFinder#upcoming}).
 *
 * @param calibrator      the source
 * @param transitMjd      when its apparent hour angle at the site will be 0, MJD (UTC)
 * @param transitTime     the same, as an instant
 * @param hoursFromNow    how long until then
 * @param offsetDeg       the angle between the source at transit and the pointing centre, degrees
 * @param response        the primary beam's response expected at that offset
 * @param apparentFluxJy  the catalog flux times the response, Jy; {@code null} when the catalog has no flux
 */
public record UpcomingTransit(
        Calibrator calibrator,
        double transitMjd,
        Instant transitTime,
        double hoursFromNow,
        double offsetDeg,
        double response,
        Double apparentFluxJy) {}
