package org.dsa110.contimg.sink.http;

import java.sql.SQLException;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import org.dsa110.contimg.contract.OneLine;
import org.dsa110.contimg.pointing.calibrators.TransitFinder;
import org.dsa110.contimg.sink.store.PointingAnalysis;

/**
 * {@code GET /api/calibrator_transits/upcoming?hours=&min_response=}: the catalog's transits in the next
 * {@code hours} (default 24) at the latest pointing's declination, with at least {@code min_response} (default the
 * finder's, 0.5), and the pointing they were computed for.
 */
final class UpcomingQuery {

    private static final List<String> PARAMETERS = List.of("hours", "min_response");

    private final PointingAnalysis analysis;
    private final TransitFinder finder;
    private final Clock clock;

    UpcomingQuery(PointingAnalysis analysis, TransitFinder finder, Clock clock) {
        this.analysis = analysis;
        this.finder = finder;
        this.clock = clock;
    }

    StatusApi.Answer answer(String rawQuery) {
        double hours;
        TransitFinder chosen;
        try {
            QueryParameters parameters = QueryParameters.parse(rawQuery, PARAMETERS);
            hours = parameters.number("hours", 0.001, PointingAnalysis.MAX_UPCOMING_HOURS, 24);
            double minResponse = parameters.number("min_response", 0.001, 1, finder.minResponse());
            chosen = minResponse == finder.minResponse() ? finder : finder.withMinResponse(minResponse);
        } catch (QueryParameters.BadRequest e) {
            return StatusApi.Answer.error(400, e.getMessage());
        }
        PointingAnalysis.Upcoming upcoming;
        try {
            upcoming = analysis.upcoming(clock.instant(), hours, chosen);
        } catch (SQLException e) {
            return StatusApi.Answer.error(503, "the pointing database cannot be read: " + OneLine.of(e));
        }
        var body = new LinkedHashMap<String, Object>();
        body.put("now", upcoming.now().toString());
        body.put("hours", hours);
        body.put("min_response", chosen.minResponse());
        body.put("catalog", chosen.catalog().source());
        if (upcoming.pointing() == null) {
            body.put("pointing", null);
            body.put("note", "no pointing recorded yet: nothing to predict");
        } else {
            var pointing = new LinkedHashMap<String, Object>();
            pointing.put("timestamp", upcoming.pointing().timestamp());
            pointing.put("source_file", upcoming.pointing().sourceFile());
            pointing.put("ra_deg", upcoming.pointing().raDeg());
            pointing.put("dec_deg", upcoming.pointing().decDeg());
            pointing.put("dec_app_deg", upcoming.pointing().decAppDeg());
            pointing.put("ha_deg_assumed", upcoming.haDeg());
            body.put("pointing", pointing);
        }
        body.put("items", upcoming.transits());
        body.put("count", upcoming.transits().size());
        return new StatusApi.Answer(200, body);
    }
}
