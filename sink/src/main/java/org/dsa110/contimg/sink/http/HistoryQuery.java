package org.dsa110.contimg.sink.http;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.dsa110.contimg.contract.Mjd;
import org.dsa110.contimg.contract.OneLine;
import org.dsa110.contimg.sink.store.PointingHistory;

/**
 * {@code GET /api/pointing_history}: parameters checked one by one (a clear 400 for the first bad one), rows read
 * from the database, read-only.
 *
 * <p>{@code start_mjd} defaults to a day before now and {@code end_mjd} to no end, so a bare request answers
 * "where have we pointed lately"; {@code limit} defaults to {@value #DEFAULT_LIMIT} and may be at most
 * {@value #MAX_LIMIT}. {@code truncated} says when the limit cut the answer short. With {@code time_interval_hours}
 * the answer has one row per interval (counted from {@code start_mjd}), the first of it, with {@code
 * rows_in_interval}: how a client plots years of history without fetching every row.
 */
final class HistoryQuery {

    static final int DEFAULT_LIMIT = QueryParameters.DEFAULT_LIMIT;
    static final int MAX_LIMIT = QueryParameters.MAX_LIMIT;
    private static final List<String> PARAMETERS = List.of("start_mjd", "end_mjd", "limit", "time_interval_hours");
    /** Ten years: a coarser interval than that would plot one point. */
    static final double MAX_INTERVAL_HOURS = 87_660;

    private final PointingHistory history;
    private final Clock clock;

    HistoryQuery(PointingHistory history, Clock clock) {
        this.history = history;
        this.clock = clock;
    }

    StatusApi.Answer answer(String rawQuery) {
        double start;
        double end;
        int limit;
        double intervalHours;
        try {
            QueryParameters parameters = QueryParameters.parse(rawQuery, PARAMETERS);
            end = parameters.mjd("end_mjd", Double.POSITIVE_INFINITY);
            start = parameters.mjd("start_mjd", Mjd.of(clock.instant().minus(Duration.ofDays(1))));
            limit = parameters.limit();
            intervalHours = parameters.number("time_interval_hours", 0.001, MAX_INTERVAL_HOURS, 0);
            QueryParameters.ordered(start, end);
        } catch (QueryParameters.BadRequest e) {
            return StatusApi.Answer.error(400, e.getMessage());
        }
        List<Map<String, Object>> items = new ArrayList<>();
        try {
            // One more than asked for tells whether the limit cut the answer short.
            if (intervalHours > 0) {
                for (PointingHistory.Sample sample : history.sampled(start, end, intervalHours / 24.0, limit + 1)) {
                    Map<String, Object> item = item(sample.first());
                    item.put("rows_in_interval", sample.rows());
                    items.add(item);
                }
            } else {
                for (PointingHistory.Row row : history.between(start, end, limit + 1)) {
                    items.add(item(row));
                }
            }
        } catch (SQLException e) {
            return StatusApi.Answer.error(503, "the pointing database cannot be read: " + OneLine.of(e));
        }
        boolean truncated = items.size() > limit;
        if (truncated) {
            items = items.subList(0, limit);
        }
        var body = new LinkedHashMap<String, Object>();
        body.put("items", items);
        body.put("count", items.size());
        body.put("start_mjd", start);
        body.put("end_mjd", Double.isInfinite(end) ? null : end);
        body.put("limit", limit);
        if (intervalHours > 0) {
            body.put("time_interval_hours", intervalHours);
        }
        body.put("truncated", truncated);
        return new StatusApi.Answer(200, body);
    }

    private static Map<String, Object> item(PointingHistory.Row row) {
        var item = new LinkedHashMap<String, Object>();
        item.put("timestamp", row.timestamp());
        item.put("timestamp_iso", Mjd.toInstant(row.timestamp()).toString());
        item.put("ra_deg", row.raDeg());
        item.put("dec_deg", row.decDeg());
        item.put("source_file", row.sourceFile());
        item.put("ra_app_deg", row.raAppDeg());
        item.put("dec_app_deg", row.decAppDeg());
        item.put("ha_deg", row.haDeg());
        item.put("lst_deg", row.lstDeg());
        item.put("telescope", row.telescope());
        item.put("kind", row.kind());
        item.put("inserted_at", row.insertedAt());
        item.put("start_mjd", row.startMjd());
        item.put("end_mjd", row.endMjd());
        item.put("host", row.host());
        return item;
    }
}
