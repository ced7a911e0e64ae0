package org.dsa110.contimg.sink.http;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.dsa110.contimg.contract.Mjd;
import org.dsa110.contimg.contract.OneLine;
import org.dsa110.contimg.sink.PointingHistory;

/**
 * {@code GET /api/pointing_history}: parameters checked one by one (a clear 400 for the first bad one), rows read
 * from the database, read-only.
 *
 * <p>{@code start_mjd} defaults to a day before now and {@code end_mjd} to no end, so a bare request answers
 * "where have we pointed lately"; {@code limit} defaults to {@value #DEFAULT_LIMIT} and may be at most
 * {@value #MAX_LIMIT}. {@code truncated} says when the limit cut the answer short.
 */
final class HistoryQuery {

    static final int DEFAULT_LIMIT = 1000;
    static final int MAX_LIMIT = 100_000;
    private static final Set<String> PARAMETERS = Set.of("start_mjd", "end_mjd", "limit");

    private final PointingHistory history;
    private final Clock clock;

    HistoryQuery(PointingHistory history, Clock clock) {
        this.history = history;
        this.clock = clock;
    }

    /** Thrown for a bad parameter; its message is the one-line answer. */
    private static final class BadRequest extends Exception {
        BadRequest(String message) {
            super(message);
        }
    }

    StatusApi.Answer answer(String rawQuery) {
        double start;
        double end;
        int limit;
        try {
            Map<String, String> parameters = parse(rawQuery);
            end = mjd(parameters, "end_mjd", Double.POSITIVE_INFINITY);
            start = mjd(parameters, "start_mjd", Mjd.of(clock.instant().minus(Duration.ofDays(1))));
            limit = limit(parameters);
            if (start > end) {
                throw new BadRequest("start_mjd (" + start + ") is after end_mjd (" + end + ")");
            }
        } catch (BadRequest e) {
            return StatusApi.Answer.error(400, e.getMessage());
        }
        List<PointingHistory.Row> rows;
        try {
            // One more than asked for tells whether the limit cut the answer short.
            rows = history.between(start, end, limit + 1);
        } catch (SQLException e) {
            return StatusApi.Answer.error(503, "the pointing database cannot be read: " + OneLine.of(e));
        }
        boolean truncated = rows.size() > limit;
        List<Map<String, Object>> items = new ArrayList<>();
        for (PointingHistory.Row row : truncated ? rows.subList(0, limit) : rows) {
            items.add(item(row));
        }
        var body = new LinkedHashMap<String, Object>();
        body.put("items", items);
        body.put("count", items.size());
        body.put("start_mjd", start);
        body.put("end_mjd", Double.isInfinite(end) ? null : end);
        body.put("limit", limit);
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
        return item;
    }

    private static Map<String, String> parse(String rawQuery) throws BadRequest {
        var parameters = new LinkedHashMap<String, String>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return parameters;
        }
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            String name;
            String value;
            try {
                name = URLDecoder.decode(equals < 0 ? pair : pair.substring(0, equals), StandardCharsets.UTF_8);
                value = equals < 0 ? "" : URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                throw new BadRequest("malformed query string: " + OneLine.of(e));
            }
            if (!PARAMETERS.contains(name)) {
                throw new BadRequest("unknown parameter '" + name + "' (known: start_mjd, end_mjd, limit)");
            }
            if (parameters.put(name, value) != null) {
                throw new BadRequest(name + " is given twice");
            }
        }
        return parameters;
    }

    private static double mjd(Map<String, String> parameters, String name, double otherwise) throws BadRequest {
        String text = parameters.get(name);
        if (text == null) {
            return otherwise;
        }
        try {
            double value = Double.parseDouble(text.strip());
            if (Double.isFinite(value)) {
                return value;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw new BadRequest(
                name + " must be a Modified Julian Date (a finite number, e.g. 60983.5), not '" + text + "'");
    }

    private static int limit(Map<String, String> parameters) throws BadRequest {
        String text = parameters.get("limit");
        if (text == null) {
            return DEFAULT_LIMIT;
        }
        try {
            int value = Integer.parseInt(text.strip());
            if (value >= 1 && value <= MAX_LIMIT) {
                return value;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw new BadRequest("limit must be a whole number from 1 to " + MAX_LIMIT + ", not '" + text + "'");
    }
}
