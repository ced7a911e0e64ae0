package org.dsa110.contimg.app.cli;

import java.nio.file.Path;
import org.dsa110.contimg.pointing.calibrators.CalibratorCatalog;
import org.dsa110.contimg.pointing.calibrators.PrimaryBeam;
import org.dsa110.contimg.pointing.calibrators.TransitFinder;
import picocli.CommandLine.Option;

/**
 * Which calibrators count and how well they must sit in the beam: the processors' transit stage and the sink's
 * upcoming transits read the same two options, so {@code up} gives them once.
 */
public final class CatalogOptions {

    @Option(
            names = "--catalog",
            paramLabel = "FILE",
            description = "Calibrator catalog (CSV with name, ra_deg, dec_deg, flux_jy; other columns kept) for the "
                    + "transits; default: the VLA calibrator list at 20 cm shipped in the jar.")
    Path catalog;

    @Option(
            names = "--min-response",
            paramLabel = "R",
            defaultValue = "" + TransitFinder.DEFAULT_MIN_RESPONSE,
            description = "Least primary-beam response for a transit to count (default ${DEFAULT-VALUE}, the "
                    + "half-power radius).")
    double minResponse;

    /** @throws IllegalArgumentException naming the file, line and field of a bad catalog, or a bad response */
    public TransitFinder finder() {
        return new TransitFinder(
                catalog == null ? CalibratorCatalog.vla20cm() : CalibratorCatalog.read(catalog),
                PrimaryBeam.dsa110(),
                minResponse);
    }
}
