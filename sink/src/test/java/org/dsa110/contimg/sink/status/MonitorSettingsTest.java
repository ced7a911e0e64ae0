package org.dsa110.contimg.sink.status;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.dsa110.contimg.contract.config.PipelinePaths;
import org.dsa110.contimg.contract.config.WatchedDirectories;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MonitorSettingsTest {

    @TempDir
    Path home;

    @Test
    void aSinkBesideATreeReportsItsMissingDirectoriesAndASinkWithoutOneDoesNot() {
        var paths = PipelinePaths.resolve(new PipelinePaths.Flags(home, null, null, null, null, null, null), Map.of());

        var beside = MonitorSettings.of(paths);
        var alone = MonitorSettings.of(paths).withoutLocalTree();

        assertThat(WatchedDirectories.issues(beside.watchedDirs()))
                .anySatisfy(issue -> assertThat(issue).contains(paths.incoming() + " is missing"));
        assertThat(WatchedDirectories.issues(alone.watchedDirs())).isEmpty();
        assertThat(alone.watchDir()).isEqualTo(beside.watchDir());
    }
}
