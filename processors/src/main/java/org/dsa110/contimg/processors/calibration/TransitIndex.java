package org.dsa110.contimg.processors.calibration;

import java.util.Locale;
import org.dsa110.contimg.contract.CalibratorTransit;

/**
 * The {@link BestFileMarker}'s keys: {@code <calibrator>@<transit MJD, fixed width>@<file>}, so that one calibrator's
 * matches lie in time order and a transit's are one short range scan away, however long the history.
 */
final class TransitIndex {

    private TransitIndex() {}

    static String of(CalibratorTransit match) {
        return prefix(match.calibrator(), match.transitMjd()) + "@" + match.sourceFile();
    }

    /** The first key of {@code calibrator}'s matches at or after {@code mjd}. */
    static String from(String calibrator, double mjd) {
        return prefix(calibrator, mjd);
    }

    /** Past the last key of {@code calibrator}'s matches at or before {@code mjd}. */
    static String to(String calibrator, double mjd) {
        return prefix(calibrator, mjd) + "@\uffff";
    }

    // 0.86 ms steps; 14 characters hold every MJD from 1858 to 2132, so the text sorts as the number does.
    private static String prefix(String calibrator, double mjd) {
        return calibrator + "@" + String.format(Locale.ROOT, "%014.8f", Math.max(0, mjd));
    }
}
