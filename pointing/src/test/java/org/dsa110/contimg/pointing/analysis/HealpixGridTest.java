package org.dsa110.contimg.pointing.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The RING scheme's layout (Górski et al. 2005): counts, numbering, and the base resolution's known centres. */
class HealpixGridTest {

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 8, 64, 1024})
    void ringsNumberEveryCellOnceFromNorthToSouth(int nside) {
        var grid = new HealpixGrid(nside);
        long next = 0;
        for (int ring = 1; ring <= grid.rings(); ring++) {
            assertThat(grid.firstCell(ring)).isEqualTo(next);
            next += grid.cellsInRing(ring);
            if (ring > 1) {
                assertThat(grid.ringDecDeg(ring)).isLessThan(grid.ringDecDeg(ring - 1));
            }
            // The grid is symmetric about the equator.
            assertThat(grid.ringDecDeg(ring)).isCloseTo(-grid.ringDecDeg(grid.rings() + 1 - ring), within(1e-9));
        }
        assertThat(next).isEqualTo(12L * nside * nside).isEqualTo(grid.cells());
        assertThat(grid.cellAreaDeg2() * grid.cells()).isCloseTo(41252.96, within(0.01));
    }

    @Test
    void theBaseResolutionHasItsTwelveKnownCells() {
        var grid = new HealpixGrid(1);
        // Rings at z = 2/3, 0, -2/3: the north cap's four cells centred at 45 + 90k deg, the equator's at 90k.
        assertThat(grid.rings()).isEqualTo(3);
        assertThat(grid.ringDecDeg(1)).isCloseTo(Math.toDegrees(Math.asin(2.0 / 3)), within(1e-12));
        assertThat(grid.ringDecDeg(2)).isCloseTo(0, within(1e-12));
        assertThat(grid.cellRaDeg(1, 0)).isEqualTo(45);
        assertThat(grid.cellRaDeg(2, 0)).isEqualTo(0);
        assertThat(grid.cellRaDeg(2, 1)).isEqualTo(90);
        assertThat(grid.cellRaDeg(3, 3)).isEqualTo(315);
        assertThat(grid.firstCell(3)).isEqualTo(8);
    }

    @Test
    void ringsAreFoundByDeclination() {
        var grid = new HealpixGrid(64);
        int ring = grid.firstRingSouthOf(30);
        assertThat(grid.ringDecDeg(ring)).isLessThanOrEqualTo(30);
        assertThat(grid.ringDecDeg(ring - 1)).isGreaterThan(30);
        assertThat(grid.firstRingSouthOf(90)).isEqualTo(1);
        assertThat(grid.firstRingSouthOf(-90)).isEqualTo(grid.rings() + 1);
    }

    @Test
    void onlyPowersOfTwoUpTo1024() {
        assertThatThrownBy(() -> new HealpixGrid(3)).hasMessageContaining("power of 2");
        assertThatThrownBy(() -> new HealpixGrid(2048)).hasMessageContaining("power of 2");
    }
}
