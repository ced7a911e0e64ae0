package org.dsa110.contimg.sink.http;

import java.sql.SQLException;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import org.dsa110.contimg.contract.OneLine;
import org.dsa110.contimg.pointing.calibrators.TransitFinder;
import org.dsa110.contimg.sink.store.PointingAnalysis;

/**
 * {@code GET /api/pointing/best-calibrator?dec_deg=&hours=}: the calibrator to observe in the next {@code hours}
 * (default 24) at apparent declination {@code dec_deg} (default: the latest pointing's, its hour angle held): of the
 * catalog's sources transiting inside the beam, the highest apparent flux, ties to the earliest.
 */
final class BestCalibratorQuery {

    private static final List<String> PARAMETERS = List.of("dec_deg", "hours");

    private final PointingAnalysis analysis;
    private final TransitFinder finder;
    private final Clock clock;

    BestCalibratorQuery(PointingAnalysis analysis, TransitFinder finder, Clock clock) {
        this.analysis = analysis;
        this.finder = finder;
        this.clock = clock;
    }

    StatusApi.Answer answer(String rawQuery) {
        double hours;
        Double dec;
        try {
            QueryParameters parameters = QueryParameters.parse(rawQuery, PARAMETERS);
            hours = parameters.number("hours", 0.001, PointingAnalysis.MAX_UPCOMING_HOURS, 24);
            dec = parameters.text("dec_deg") == null ? null : parameters.number("dec_deg", -90, 90, 0);
        } catch (QueryParameters.BadRequest e) {
            return StatusApi.Answer.error(400, e.getMessage());
        }
        PointingAnalysis.BestCalibrator best;
        try {
            best = analysis.best(clock.instant(), dec, hours, finder);
        } catch (SQLException e) {
            return StatusApi.Answer.error(503, "the pointing database cannot be read: " + OneLine.of(e));
        }
        var body = new LinkedHashMap<String, Object>();
        body.put("now", clock.instant().toString());
        body.put("hours", hours);
        body.put("catalog", finder.catalog().source());
        if (best == null) {
            body.put("dec_app_deg", null);
            body.put("best", null);
            body.put("note", "no pointing recorded yet and no dec_deg given: nothing to choose for");
        } else {
            body.put("dec_app_deg", best.decAppDeg());
            body.put("ha_deg_assumed", best.haDeg());
            body.put(
                    "from_pointing",
                    best.pointing() == null ? null : best.pointing().sourceFile());
            body.put("best", best.best());
            if (best.best() == null) {
                body.put("note", "no catalog source transits inside the beam in the window");
            }
        }
        return new StatusApi.Answer(200, body);
    }
}
