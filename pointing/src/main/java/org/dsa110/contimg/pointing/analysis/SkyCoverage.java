package org.dsa110.contimg.pointing.analysis;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.dsa110.contimg.pointing.calibrators.PrimaryBeam;

/**
 * The sky the history has covered: per {@link HealpixGrid} cell, the hours its centre spent inside the primary
 * beam's half-power radius.
 *
 * <p>A drift scan (a file that holds its hour angle) sweeps its declination strip: its pointing centre moves in
 * right ascension at the sidereal rate from its value at the file's first integration to that at its last, and a
 * cell is exposed for as long as its centre lies within the half-power radius of the moving centre (the exact
 * spherical chord, so cells near the pole are exposed longer). A file phased to a fixed position exposes the
 * cells within the radius of it for its whole span. A row without a span counts as the median span of the others
 * ({@link ObservedFile#medianSpanDays}).
 */
public final class SkyCoverage {

    /** Degrees of right ascension per day a drifting centre moves: one turn per sidereal day. */
    private static final double SIDEREAL_DEG_PER_DAY = 360.98564736629;

    private static final double SQUARE_DEGREES_ON_SKY = 4 * Math.PI * Math.pow(180 / Math.PI, 2);

    /**
     * One exposed cell.
     *
     * @param cell   its HEALPix RING number
     * @param raDeg  its centre's right ascension (ICRS), degrees
     * @param decDeg its centre's declination, degrees
     * @param hours  how long its centre was inside the half-power beam
     */
    public record Cell(long cell, double raDeg, double decDeg, double hours) {}

    /**
     * The coverage of a history.
     *
     * @param nside         the grid's resolution
     * @param cellAreaDeg2  the area of each cell, square degrees
     * @param files         the files counted
     * @param hoursObserved their spans summed
     * @param skyFraction   the fraction of the sky's cells with any exposure
     * @param areaDeg2      the same as an area, square degrees
     * @param cells         the exposed cells, by cell number
     */
    public record Coverage(
            int nside,
            double cellAreaDeg2,
            long files,
            double hoursObserved,
            double skyFraction,
            double areaDeg2,
            List<Cell> cells) {}

    private final HealpixGrid grid;
    private final double radiusDeg;

    /** Cells of {@code grid}; a cell is inside the beam within its half-power radius. */
    public SkyCoverage(HealpixGrid grid, PrimaryBeam beam) {
        this.grid = grid;
        this.radiusDeg = beam.radiusDeg(0.5);
    }

    public double radiusDeg() {
        return radiusDeg;
    }

    public Coverage of(List<ObservedFile> files) {
        double fallbackSpan = ObservedFile.medianSpanDays(files);
        Map<Long, double[]> exposure = new TreeMap<>();
        double days = 0;
        for (ObservedFile file : files) {
            double start = file.startOr(fallbackSpan);
            double end = file.endOr(fallbackSpan);
            days += end - start;
            expose(file, start, end, exposure);
        }
        var cells = new ArrayList<Cell>(exposure.size());
        for (var entry : exposure.entrySet()) {
            double[] value = entry.getValue(); // ra, dec, days
            cells.add(new Cell(entry.getKey(), value[0], value[1], value[2] * 24.0));
        }
        double fraction = cells.size() / (double) grid.cells();
        return new Coverage(
                grid.nside(),
                grid.cellAreaDeg2(),
                files.size(),
                days * 24.0,
                fraction,
                fraction * SQUARE_DEGREES_ON_SKY,
                cells);
    }

    /** Adds one file's exposure: the cells of the rings within the radius of its declination. */
    private void expose(ObservedFile file, double start, double end, Map<Long, double[]> exposure) {
        double dec = file.decDeg();
        // Right ascension of the centre at the first and last integration; a fixed position does not move.
        double rate = file.drifts() ? SIDEREAL_DEG_PER_DAY : 0;
        double raFrom = file.raDeg() + (start - file.midMjd()) * rate;
        double raTo = file.raDeg() + (end - file.midMjd()) * rate;
        double sinDec = Math.sin(Math.toRadians(dec));
        double cosDec = Math.cos(Math.toRadians(dec));
        double cosRadius = Math.cos(Math.toRadians(radiusDeg));
        for (int ring = grid.firstRingSouthOf(Math.min(90, dec + radiusDeg));
                ring <= grid.rings() && grid.ringDecDeg(ring) >= dec - radiusDeg;
                ring++) {
            double cellDec = grid.ringDecDeg(ring);
            double sinCell = Math.sin(Math.toRadians(cellDec));
            double cosCell = Math.cos(Math.toRadians(cellDec));
            // A cell centre on this ring is inside the beam while the centres' difference in right ascension is
            // at most halfWidth: cos(halfWidth) = (cos r - sin d sin d') / (cos d cos d').
            double cosHalfWidth = (cosRadius - sinDec * sinCell) / (cosDec * cosCell);
            if (cosHalfWidth > 1) {
                continue; // the ring passes outside the beam
            }
            double halfWidth = cosHalfWidth <= -1 ? 180 : Math.toDegrees(Math.acos(cosHalfWidth));
            exposeRing(ring, cellDec, raFrom, raTo, halfWidth, rate, end - start, exposure);
        }
    }

    private void exposeRing(
            int ring,
            double cellDec,
            double raFrom,
            double raTo,
            double halfWidth,
            double rate,
            double spanDays,
            Map<Long, double[]> exposure) {
        int n = grid.cellsInRing(ring);
        double step = 360.0 / n;
        double offset = grid.offset(ring);
        if (halfWidth >= 180 || raTo - raFrom + 2 * halfWidth >= 360) {
            for (int j = 0; j < n; j++) { // the whole ring: near the pole, or a day-long file
                add(
                        exposure,
                        ring,
                        j,
                        cellDec,
                        inBeamDays(grid.cellRaDeg(ring, j), raFrom, raTo, halfWidth, rate, spanDays));
            }
            return;
        }
        // Cell centres between raFrom - halfWidth and raTo + halfWidth, taken modulo the ring.
        long first = (long) Math.ceil((raFrom - halfWidth) / step - offset);
        long last = (long) Math.floor((raTo + halfWidth) / step - offset);
        for (long k = first; k <= last; k++) {
            int j = (int) Math.floorMod(k, (long) n);
            double ra = (k + offset) * step; // unwrapped, near the sweep
            add(exposure, ring, j, cellDec, inBeamDays(ra, raFrom, raTo, halfWidth, rate, spanDays));
        }
    }

    /**
     * How long a cell centre at right ascension {@code ra} (within {@code halfWidth} of the centre's track in the
     * ring) spends in the beam: the overlap of the track with {@code [ra - halfWidth, ra + halfWidth]}, at the
     * sidereal rate; a fixed centre's whole span.
     */
    private static double inBeamDays(
            double ra, double raFrom, double raTo, double halfWidth, double rate, double spanDays) {
        if (rate == 0) {
            double difference = Math.abs(((ra - raFrom) % 360 + 540) % 360 - 180);
            return difference <= halfWidth ? spanDays : 0;
        }
        double overlap = 0;
        for (int turn = -1; turn <= 1; turn++) { // the cell's place one turn either side, for tracks across 0 h
            double centre = ra + 360 * turn;
            overlap += Math.max(0, Math.min(raTo, centre + halfWidth) - Math.max(raFrom, centre - halfWidth));
        }
        return Math.min(overlap / rate, spanDays);
    }

    private void add(Map<Long, double[]> exposure, int ring, int j, double cellDec, double days) {
        if (days <= 0) {
            return;
        }
        long cell = grid.firstCell(ring) + j;
        double[] value = exposure.computeIfAbsent(cell, c -> new double[] {grid.cellRaDeg(ring, j), cellDec, 0});
        value[2] += days;
    }
}
