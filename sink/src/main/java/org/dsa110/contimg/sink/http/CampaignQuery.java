package org.dsa110.contimg.sink.http;

import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import org.dsa110.contimg.contract.OneLine;
import org.dsa110.contimg.pointing.analysis.DeclinationCampaigns;
import org.dsa110.contimg.sink.store.PointingAnalysis;

/**
 * {@code GET /api/pointing/campaigns?start_mjd=&end_mjd=&jump_threshold_deg=&gap_hours=}: the history's declination
 * campaigns ({@link DeclinationCampaigns}) in time order, over the whole history unless bounded.
 */
final class CampaignQuery {

    private static final List<String> PARAMETERS = List.of("start_mjd", "end_mjd", "jump_threshold_deg", "gap_hours");

    private final PointingAnalysis analysis;

    CampaignQuery(PointingAnalysis analysis) {
        this.analysis = analysis;
    }

    StatusApi.Answer answer(String rawQuery) {
        double start;
        double end;
        DeclinationCampaigns campaigns;
        try {
            QueryParameters parameters = QueryParameters.parse(rawQuery, PARAMETERS);
            start = parameters.mjd("start_mjd", 0);
            end = parameters.mjd("end_mjd", Double.MAX_VALUE);
            campaigns = new DeclinationCampaigns(
                    parameters.number("jump_threshold_deg", 1e-6, 180, DeclinationCampaigns.DEFAULT_JUMP_DEG),
                    parameters.number("gap_hours", 1e-3, 1e6, DeclinationCampaigns.DEFAULT_GAP_HOURS));
            QueryParameters.ordered(start, end);
        } catch (QueryParameters.BadRequest e) {
            return StatusApi.Answer.error(400, e.getMessage());
        }
        List<PointingAnalysis.CampaignRow> rows;
        try {
            rows = analysis.campaigns(start, end, campaigns);
        } catch (SQLException e) {
            return StatusApi.Answer.error(503, "the pointing database cannot be read: " + OneLine.of(e));
        }
        var body = new LinkedHashMap<String, Object>();
        body.put("items", rows);
        body.put("count", rows.size());
        return new StatusApi.Answer(200, body);
    }
}
