package org.dsa110.contimg.sink.http;

import java.sql.SQLException;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.dsa110.contimg.contract.OneLine;
import org.dsa110.contimg.pointing.calibrators.TransitFinder;
import org.dsa110.contimg.sink.store.PointingAnalysis;
import org.dsa110.contimg.sink.store.TransitHistory;

/**
 * {@code GET /api/calibrators/{name}/transits?next=&limit=}: one calibrator (its catalog name or other name, any
 * case) of the catalog: its next {@code next} transits at the site (default 5, at most 100), each with its response
 * at the latest pointing, and the last {@code limit} matches the files held (newest first).
 */
final class CalibratorQuery {

    static final String PATH = "/api/calibrators/{name}/transits";

    private static final String PREFIX = "/api/calibrators/";
    private static final String SUFFIX = "/transits";
    /** A catalog name or other name: J1331+305, 3C286, CJ2, 0134+329. */
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9+\\-.]{1,32}");

    private static final List<String> PARAMETERS = List.of("next", "limit");

    private final PointingAnalysis analysis;
    private final TransitFinder finder;
    private final TransitHistory transits;
    private final Clock clock;

    CalibratorQuery(PointingAnalysis analysis, TransitFinder finder, TransitHistory transits, Clock clock) {
        this.analysis = analysis;
        this.finder = finder;
        this.transits = transits;
        this.clock = clock;
    }

    /** The answer to a request of {@code path}, or {@code null} when the path is not this route's. */
    Function<String, StatusApi.Answer> route(String path) {
        if (!path.startsWith(PREFIX) || !path.endsWith(SUFFIX) || path.length() <= PREFIX.length() + SUFFIX.length()) {
            return null;
        }
        String name = path.substring(PREFIX.length(), path.length() - SUFFIX.length());
        return query -> answer(name, query);
    }

    private StatusApi.Answer answer(String name, String rawQuery) {
        int next;
        int limit;
        try {
            if (!NAME.matcher(name).matches()) {
                throw new QueryParameters.BadRequest(
                        "a calibrator's name is 1 to 32 letters, digits, +, - or . (J1331+305, 3C286)");
            }
            QueryParameters parameters = QueryParameters.parse(rawQuery, PARAMETERS);
            next = (int) parameters.number("next", 1, 100, 5);
            limit = parameters.limit();
        } catch (QueryParameters.BadRequest e) {
            return StatusApi.Answer.error(400, e.getMessage());
        }
        PointingAnalysis.CalibratorTransits found;
        try {
            found = analysis.transitsOf(name, clock.instant(), next, limit, finder, transits);
        } catch (SQLException e) {
            return StatusApi.Answer.error(503, "the pointing database cannot be read: " + OneLine.of(e));
        }
        if (found == null) {
            return StatusApi.Answer.error(
                    404,
                    "no calibrator named " + name + " in " + finder.catalog().source());
        }
        var body = new LinkedHashMap<String, Object>();
        body.put("calibrator", found.calibrator());
        body.put("alt_name", found.altName());
        body.put("dec_app_deg", found.decAppDeg());
        body.put("next", found.next());
        body.put("past", found.past());
        body.put("past_count", found.past().size());
        return new StatusApi.Answer(200, body);
    }
}
