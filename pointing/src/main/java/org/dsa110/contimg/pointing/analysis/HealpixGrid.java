package org.dsa110.contimg.pointing.analysis;

/**
 * The HEALPix grid in its RING numbering (Górski et al. 2005, ApJ 622, 759, section 4): {@code 12 nside²} cells of
 * equal area on {@code 4 nside - 1} rings of constant latitude, numbered from the north pole. Only what the
 * coverage needs: each ring's latitude, cell count, first cell and azimuth offset, so the cells of a declination
 * strip and a range of right ascension are found without testing the whole sky. Written from the paper's
 * formulas; no HEALPix library is published on Maven Central (the CDS one is packaged by Debian only).
 */
public final class HealpixGrid {

    public static final int DEFAULT_NSIDE = 64;

    private final int nside;
    /** Per ring {@code i} (1-based; index 0 unused): its declination, degrees. */
    private final double[] ringDecDeg;

    /** @throws IllegalArgumentException unless {@code nside} is a power of 2 from 1 to 1024 */
    public HealpixGrid(int nside) {
        if (nside < 1 || nside > 1024 || Integer.bitCount(nside) != 1) {
            throw new IllegalArgumentException("nside must be a power of 2 from 1 to 1024: " + nside);
        }
        this.nside = nside;
        this.ringDecDeg = new double[4 * nside];
        for (int ring = 1; ring < 4 * nside; ring++) {
            ringDecDeg[ring] = Math.toDegrees(Math.asin(z(ring)));
        }
    }

    public int nside() {
        return nside;
    }

    public long cells() {
        return 12L * nside * nside;
    }

    public int rings() {
        return 4 * nside - 1;
    }

    /** The area of one cell, square degrees. */
    public double cellAreaDeg2() {
        return 4 * Math.PI * Math.pow(180 / Math.PI, 2) / cells();
    }

    /** The ring's declination (its cells' centres), degrees; rings run 1 (north) to {@link #rings()}. */
    public double ringDecDeg(int ring) {
        return ringDecDeg[ring];
    }

    /** The northmost ring whose declination is at or south of {@code northDecDeg} ({@link #rings()} + 1 if none). */
    public int firstRingSouthOf(double northDecDeg) {
        int lo = 1;
        int hi = rings() + 1; // ring declinations fall with the index: find the first at or below northDecDeg
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (ringDecDeg[mid] > northDecDeg) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** How many cells the ring has. */
    public int cellsInRing(int ring) {
        return 4 * Math.min(Math.min(ring, 4 * nside - ring), nside);
    }

    /** The number of the ring's first cell (at the lowest right ascension, at or above 0). */
    public long firstCell(int ring) {
        long n = nside;
        if (ring < nside) {
            return 2L * ring * (ring - 1);
        }
        if (ring <= 3 * nside) {
            return 2 * n * (n - 1) + (long) (ring - nside) * 4 * n;
        }
        long south = 4 * n - ring;
        return cells() - 2 * south * (south + 1);
    }

    /**
     * The right ascension of the ring's {@code j}-th cell centre (0-based), degrees: {@code (j + offset) 360 / n}
     * with an offset of one half except on the equatorial rings of odd parity, where it is 0.
     */
    public double cellRaDeg(int ring, int j) {
        return (j + offset(ring)) * 360.0 / cellsInRing(ring);
    }

    /** Half a cell on the polar-cap rings and on every other equatorial ring (those with {@code ring - nside} even). */
    public double offset(int ring) {
        if (ring < nside || ring > 3 * nside) {
            return 0.5;
        }
        return ((ring - nside) & 1) == 0 ? 0.5 : 0.0;
    }

    private double z(int ring) {
        double n = nside;
        if (ring < nside) {
            return 1 - ring * (double) ring / (3 * n * n);
        }
        if (ring <= 3 * nside) {
            return 4.0 / 3 - 2.0 * ring / (3 * n);
        }
        double south = 4 * n - ring;
        return -(1 - south * south / (3 * n * n));
    }
}
