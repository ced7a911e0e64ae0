package org.dsa110.contimg.pointing.calibrators;

import java.util.Map;

/**
 * One source of a calibrator catalog.
 *
 * @param name     the catalog's name (J2000, e.g. {@code J1331+305})
 * @param altName  another name it is known by ({@code 3C286}), or {@code null}
 * @param raDeg    right ascension, ICRS (J2000), degrees in [0, 360)
 * @param decDeg   declination, ICRS (J2000), degrees in [-90, 90]
 * @param fluxJy   flux density at 1.4 GHz, Jy; {@code null} where the catalog has none
 * @param columns  every column of its row, as read (quality codes, B1950 name, ...)
 */
public record Calibrator(
        String name, String altName, double raDeg, double decDeg, Double fluxJy, Map<String, String> columns) {

    public Calibrator {
        columns = Map.copyOf(columns);
    }

    /** {@code J1331+305 (3C286)}, or the name alone. */
    public String label() {
        return altName == null ? name : name + " (" + altName + ")";
    }
}
