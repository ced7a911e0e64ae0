package org.dsa110.contimg.sink.http;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.dsa110.contimg.contract.OneLine;

/**
 * The query string of a read-only endpoint, checked one parameter at a time: an unknown or repeated parameter, or a
 * value that is not what it must be, is a {@link BadRequest} whose message is the one-line answer.
 */
final class QueryParameters {

    static final int DEFAULT_LIMIT = 1000;
    static final int MAX_LIMIT = 100_000;

    /** A bad parameter; its message is the 400's {@code error}. */
    static final class BadRequest extends Exception {
        /** Values a request gave are quoted in the message: it is made one printable line of bounded length. */
        BadRequest(String message) {
            super(OneLine.printable(message, StatusApi.MAX_ERROR));
        }
    }

    private final Map<String, String> values;

    private QueryParameters(Map<String, String> values) {
        this.values = values;
    }

    /** Parses {@code rawQuery}, which may name only {@code known} parameters, each once. */
    static QueryParameters parse(String rawQuery, List<String> known) throws BadRequest {
        var values = new LinkedHashMap<String, String>();
        if (rawQuery != null && !rawQuery.isEmpty()) {
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
                if (!known.contains(name)) {
                    throw new BadRequest("unknown parameter '" + name + "' (known: " + String.join(", ", known) + ")");
                }
                if (values.put(name, value) != null) {
                    throw new BadRequest(name + " is given twice");
                }
            }
        }
        return new QueryParameters(values);
    }

    /** A Modified Julian Date, or {@code otherwise} when absent. */
    double mjd(String name, double otherwise) throws BadRequest {
        String text = values.get(name);
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

    /** A number in {@code [min, max]}, or {@code otherwise} when absent. */
    double number(String name, double min, double max, double otherwise) throws BadRequest {
        String text = values.get(name);
        if (text == null) {
            return otherwise;
        }
        try {
            double value = Double.parseDouble(text.strip());
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw new BadRequest(name + " must be a number from " + min + " to " + max + ", not '" + text + "'");
    }

    /** A text value, or {@code null} when absent. */
    String text(String name) {
        String text = values.get(name);
        return text == null || text.isBlank() ? null : text.strip();
    }

    /** {@code limit}: 1 to {@value #MAX_LIMIT}, {@value #DEFAULT_LIMIT} when absent. */
    int limit() throws BadRequest {
        String text = values.get("limit");
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

    /** @throws BadRequest when {@code start_mjd} is after {@code end_mjd} */
    static void ordered(double start, double end) throws BadRequest {
        if (start > end) {
            throw new BadRequest("start_mjd (" + start + ") is after end_mjd (" + end + ")");
        }
    }
}
