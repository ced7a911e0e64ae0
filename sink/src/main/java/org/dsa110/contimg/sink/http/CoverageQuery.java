package org.dsa110.contimg.sink.http;

import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import org.dsa110.contimg.contract.OneLine;
import org.dsa110.contimg.pointing.analysis.HealpixGrid;
import org.dsa110.contimg.pointing.analysis.SkyCoverage;
import org.dsa110.contimg.pointing.calibrators.PrimaryBeam;
import org.dsa110.contimg.sink.store.PointingAnalysis;

/**
 * {@code GET /api/pointing/sky_coverage?start_mjd=&end_mjd=&nside=}: hours of exposure per HEALPix cell
 * ({@link SkyCoverage}; {@code nside} a power of 2 up to 256, default {@value HealpixGrid#DEFAULT_NSIDE}), with the
 * totals: files, hours observed, the fraction of the sky and the area covered.
 */
final class CoverageQuery {

    private static final List<String> PARAMETERS = List.of("start_mjd", "end_mjd", "nside");
    /** 786,432 cells: finer than a beam a fifth of a degree across would only repeat each beam. */
    static final int MAX_NSIDE = 256;

    private final PointingAnalysis analysis;

    CoverageQuery(PointingAnalysis analysis) {
        this.analysis = analysis;
    }

    StatusApi.Answer answer(String rawQuery) {
        double start;
        double end;
        SkyCoverage grid;
        try {
            QueryParameters parameters = QueryParameters.parse(rawQuery, PARAMETERS);
            start = parameters.mjd("start_mjd", 0);
            end = parameters.mjd("end_mjd", Double.MAX_VALUE);
            double nside = parameters.number("nside", 1, MAX_NSIDE, HealpixGrid.DEFAULT_NSIDE);
            if (nside != Math.rint(nside) || Integer.bitCount((int) nside) != 1) {
                throw new QueryParameters.BadRequest("nside must be a power of 2 from 1 to " + MAX_NSIDE + ", not '"
                        + parameters.text("nside") + "'");
            }
            grid = new SkyCoverage(new HealpixGrid((int) nside), PrimaryBeam.dsa110());
            QueryParameters.ordered(start, end);
        } catch (QueryParameters.BadRequest e) {
            return StatusApi.Answer.error(400, e.getMessage());
        }
        SkyCoverage.Coverage coverage;
        try {
            coverage = analysis.coverage(start, end, grid);
        } catch (SQLException e) {
            return StatusApi.Answer.error(503, "the pointing database cannot be read: " + OneLine.of(e));
        }
        var body = new LinkedHashMap<String, Object>();
        body.put("grid", "HEALPix RING");
        body.put("nside", coverage.nside());
        body.put("cell_area_deg2", coverage.cellAreaDeg2());
        body.put("beam_radius_deg", grid.radiusDeg());
        body.put("files", coverage.files());
        body.put("hours_observed", coverage.hoursObserved());
        body.put("sky_fraction", coverage.skyFraction());
        body.put("area_deg2", coverage.areaDeg2());
        body.put("count", coverage.cells().size());
        body.put("cells", coverage.cells());
        return new StatusApi.Answer(200, body);
    }
}
