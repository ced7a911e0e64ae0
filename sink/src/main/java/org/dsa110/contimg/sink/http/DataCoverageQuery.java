package org.dsa110.contimg.sink.http;

import java.sql.SQLException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import org.dsa110.contimg.contract.OneLine;
import org.dsa110.contimg.pointing.analysis.DataTimeline;
import org.dsa110.contimg.sink.store.PointingAnalysis;

/**
 * {@code GET /api/pointing/data_coverage?start_mjd=&end_mjd=&merge_s=}: the stretches with data and the gaps
 * between them (start, end, hours), the files' spans merged across files ({@link DataTimeline}); unbounded, the
 * data's own extent.
 */
final class DataCoverageQuery {

    private static final List<String> PARAMETERS = List.of("start_mjd", "end_mjd", "merge_s");

    private final PointingAnalysis analysis;

    DataCoverageQuery(PointingAnalysis analysis) {
        this.analysis = analysis;
    }

    StatusApi.Answer answer(String rawQuery) {
        double start;
        double end;
        DataTimeline timeline;
        try {
            QueryParameters parameters = QueryParameters.parse(rawQuery, PARAMETERS);
            start = parameters.mjd("start_mjd", Double.NEGATIVE_INFINITY);
            end = parameters.mjd("end_mjd", Double.POSITIVE_INFINITY);
            double merge = parameters.number("merge_s", 0, 86400, DataTimeline.DEFAULT_MERGE.toSeconds());
            timeline = new DataTimeline(Duration.ofMillis(Math.round(merge * 1000)));
            QueryParameters.ordered(start, end);
        } catch (QueryParameters.BadRequest e) {
            return StatusApi.Answer.error(400, e.getMessage());
        }
        DataTimeline.Timeline found;
        try {
            found = analysis.timeline(start, end, timeline);
        } catch (SQLException e) {
            return StatusApi.Answer.error(503, "the pointing database cannot be read: " + OneLine.of(e));
        }
        var body = new LinkedHashMap<String, Object>();
        body.put("start_mjd", found.startMjd());
        body.put("end_mjd", found.endMjd());
        body.put("files", found.files());
        body.put("hours_with_data", found.hoursWithData());
        body.put("hours_of_gaps", found.hoursOfGaps());
        body.put("data", found.data());
        body.put("gaps", found.gaps());
        return new StatusApi.Answer(200, body);
    }
}
