package org.dsa110.contimg.sink.http;

import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import org.dsa110.contimg.contract.CalibratorTransit;
import org.dsa110.contimg.contract.OneLine;
import org.dsa110.contimg.sink.store.TransitHistory;

/**
 * {@code GET /api/calibrator_transits?start_mjd=&end_mjd=&name=&min_response=&limit=&order=}: the recorded transits in
 * time order ({@code order=desc}: newest first, so {@code limit} keeps the latest), as the records of {@code contimg.calibrator-transits}. Every parameter is optional: no time bounds, every
 * source ({@code name}: J1331+305 or 3C286, any case), any response, at most {@value QueryParameters#DEFAULT_LIMIT}.
 */
final class TransitQuery {

    private static final List<String> PARAMETERS =
            List.of("start_mjd", "end_mjd", "name", "min_response", "limit", "order");

    private final TransitHistory transits;

    TransitQuery(TransitHistory transits) {
        this.transits = transits;
    }

    StatusApi.Answer answer(String rawQuery) {
        double start;
        double end;
        double minResponse;
        String name;
        int limit;
        boolean newestFirst;
        try {
            QueryParameters parameters = QueryParameters.parse(rawQuery, PARAMETERS);
            start = parameters.mjd("start_mjd", 0);
            end = parameters.mjd("end_mjd", Double.MAX_VALUE);
            minResponse = parameters.number("min_response", 0, 1, 0);
            name = parameters.text("name");
            limit = parameters.limit();
            String order = parameters.text("order");
            if (order != null && !order.equals("asc") && !order.equals("desc")) {
                throw new QueryParameters.BadRequest("order must be asc or desc, not '" + order + "'");
            }
            newestFirst = "desc".equals(order);
            QueryParameters.ordered(start, end);
        } catch (QueryParameters.BadRequest e) {
            return StatusApi.Answer.error(400, e.getMessage());
        }
        List<CalibratorTransit> rows;
        try {
            rows = transits.between(start, end, name, minResponse, limit + 1, newestFirst);
        } catch (SQLException e) {
            return StatusApi.Answer.error(503, "the pointing database cannot be read: " + OneLine.of(e));
        }
        boolean truncated = rows.size() > limit;
        var body = new LinkedHashMap<String, Object>();
        body.put("items", truncated ? rows.subList(0, limit) : rows);
        body.put("count", Math.min(rows.size(), limit));
        body.put("limit", limit);
        body.put("truncated", truncated);
        return new StatusApi.Answer(200, body);
    }
}
