package org.dsa110.contimg.pointing.calibrators;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CalibratorCatalogTest {

    @TempDir
    Path dir;

    @Test
    void theShippedVlaListHasItsThousandAndThirtyFourSourcesWithTheirNamesAndFluxes() {
        var catalog = CalibratorCatalog.vla20cm();
        assertThat(catalog.all()).hasSize(1034);
        Calibrator c286 = catalog.named("3C286");
        assertThat(c286.name()).isEqualTo("J1331+305");
        assertThat(c286.raDeg()).isEqualTo(202.7845333);
        assertThat(c286.decDeg()).isEqualTo(30.5091552);
        assertThat(c286.fluxJy()).isEqualTo(15.0);
        assertThat(c286.columns()).containsEntry("quality_d", "P").containsEntry("b1950", "1328+307");
        assertThat(catalog.named("j0834+555").altName()).isNull();
        assertThat(catalog.named("3C48").fluxJy()).isEqualTo(16.5);
        assertThat(catalog.named("J0922-399").fluxJy())
                .as("the list gives no 20 cm flux: unknown")
                .isNull();
    }

    @Test
    void aDeclinationStripIsFoundByDeclination() {
        var catalog = CalibratorCatalog.vla20cm();
        var strip = catalog.inDeclination(30.0, 31.0);
        assertThat(strip).extracting(Calibrator::name).contains("J1331+305");
        assertThat(strip).allSatisfy(c -> assertThat(c.decDeg()).isBetween(30.0, 31.0));
        long expected = catalog.all().stream()
                .filter(c -> c.decDeg() >= 30.0 && c.decDeg() <= 31.0)
                .count();
        assertThat(strip).hasSize((int) expected);
        assertThat(catalog.inDeclination(89.99, 90)).isEmpty();
    }

    @Test
    void aUsersCatalogNeedsNameRaDecAndFluxAndKeepsItsOtherColumns() throws Exception {
        Path file = Files.writeString(dir.resolve("mine.csv"), """
                name,ra_deg,dec_deg,flux_jy,observer
                SRC1,10.5,-20.25,1.5,alice
                SRC2,359.9,85.0,0.2,bob
                """);
        var catalog = CalibratorCatalog.read(file);
        assertThat(catalog.all()).extracting(Calibrator::name).containsExactly("SRC1", "SRC2");
        assertThat(catalog.named("SRC2").columns()).containsEntry("observer", "bob");
        assertThat(catalog.source()).isEqualTo(file.toString());
    }

    @Test
    void aBadCatalogFailsInOneLineNamingTheFileTheLineAndTheField() throws Exception {
        Path missing = Files.writeString(dir.resolve("missing.csv"), "name,ra_deg,dec_deg\nA,1,2\n");
        assertThatThrownBy(() -> CalibratorCatalog.read(missing))
                .hasMessage("catalog " + missing + " line 1: no column flux_jy (it has name, ra_deg, dec_deg)");

        Path text = Files.writeString(dir.resolve("text.csv"), "name,ra_deg,dec_deg,flux_jy\nA,1,2,3\nB,1,north,3\n");
        assertThatThrownBy(() -> CalibratorCatalog.read(text))
                .hasMessage("catalog " + text + " line 3: field dec_deg: \"north\" is not a number");

        Path range = Files.writeString(dir.resolve("range.csv"), "name,ra_deg,dec_deg,flux_jy\nA,1,95.5,3\n");
        assertThatThrownBy(() -> CalibratorCatalog.read(range))
                .hasMessage("catalog " + range + " line 2: field dec_deg: 95.5 is outside [-90, 90]");

        Path ra = Files.writeString(dir.resolve("ra.csv"), "name,ra_deg,dec_deg,flux_jy\nA,360,5,3\n");
        assertThatThrownBy(() -> CalibratorCatalog.read(ra))
                .hasMessage("catalog " + ra + " line 2: field ra_deg: 360 is outside [0, 360)");

        assertThatThrownBy(() -> CalibratorCatalog.read(dir.resolve("none.csv")))
                .hasMessage("catalog " + dir.resolve("none.csv") + ": no such file");
    }
}
