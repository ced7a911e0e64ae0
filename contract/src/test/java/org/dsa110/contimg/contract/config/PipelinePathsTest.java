package org.dsa110.contimg.contract.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PipelinePathsTest {

    @Test
    void everythingDefaultsUnderHomeSoUpWorksAnywhere() {
        var paths = PipelinePaths.resolve(
                new PipelinePaths.Flags(Path.of("/tmp/x"), null, null, null, null, null, null), Map.of());
        assertThat(paths.root()).isEqualTo(Path.of("/tmp/x/data"));
        assertThat(paths.incoming()).isEqualTo(Path.of("/tmp/x/incoming"));
        assertThat(paths.scratch()).isEqualTo(Path.of("/tmp/x/scratch"));
        assertThat(paths.state()).isEqualTo(Path.of("/tmp/x/state"));
        assertThat(paths.productsDb()).isEqualTo(Path.of("/tmp/x/state/products.sqlite3"));
        assertThat(paths.logDir()).isEqualTo(Path.of("/tmp/x/state/logs"));
        assertThat(paths.kafkaDir()).isEqualTo(Path.of("/tmp/x/kafka"));
    }

    @Test
    void theTelescopeEnvironmentGivesTheProductionLayout() {
        var env = Map.of(
                PipelinePaths.ENV_ROOT,
                "/data/dsa110-contimg",
                PipelinePaths.ENV_INPUT,
                "/data/incoming",
                PipelinePaths.ENV_SCRATCH,
                "/stage/dsa110-contimg");
        var paths = PipelinePaths.resolve(PipelinePaths.Flags.none(), env);
        assertThat(paths.root()).isEqualTo(Path.of("/data/dsa110-contimg"));
        assertThat(paths.state()).isEqualTo(Path.of("/data/dsa110-contimg/state"));
        assertThat(paths.productsDb()).isEqualTo(Path.of("/data/dsa110-contimg/state/products.sqlite3"));
        assertThat(paths.logDir()).isEqualTo(Path.of("/data/dsa110-contimg/state/logs"));
        assertThat(paths.incoming()).isEqualTo(Path.of("/data/incoming"));
        assertThat(paths.scratch()).isEqualTo(Path.of("/stage/dsa110-contimg"));
    }

    @Test
    void flagsBeatEnvironmentAndRelativePathsBecomeAbsolute() {
        var env = Map.of(PipelinePaths.ENV_STATE, "/srv/state", PipelinePaths.ENV_PRODUCTS_DB, "/srv/db.sqlite3");
        var flags = new PipelinePaths.Flags(null, null, null, null, Path.of("/opt/state"), null, null);
        var paths = PipelinePaths.resolve(flags, env);
        assertThat(paths.state()).isEqualTo(Path.of("/opt/state"));
        assertThat(paths.productsDb()).isEqualTo(Path.of("/srv/db.sqlite3"));
        assertThat(paths.logDir()).isEqualTo(Path.of("/opt/state/logs"));
        assertThat(paths.home()).isAbsolute();
        assertThat(paths.home().getFileName()).isEqualTo(Path.of("var"));
    }
}
