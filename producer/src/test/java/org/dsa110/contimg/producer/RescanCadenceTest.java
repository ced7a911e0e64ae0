package org.dsa110.contimg.producer;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.dsa110.contimg.contract.config.PipelinePaths;
import org.junit.jupiter.api.Test;

class RescanCadenceTest {

    private static final ProducerSettings DEFAULTS = ProducerSettings.defaults(
            PipelinePaths.resolve(new PipelinePaths.Flags(Path.of("/h"), null, null, null, null, null, null), Map.of()),
            "host");

    private static TreeScanner.Result found(long logsStillInPlace) {
        return new TreeScanner.Result(1000, logsStillInPlace + 20, logsStillInPlace, logsStillInPlace, 0, 0);
    }

    @Test
    void everyFiveMinutesWhileQuiet() {
        assertThat(RescanSchedule.nextRescanDelay(DEFAULTS, found(5), false)).isEqualTo(Duration.ofMinutes(5));
    }

    @Test
    void everyMinuteWhileMoreThanFiveLogsAreStillInPlace() {
        assertThat(RescanSchedule.nextRescanDelay(DEFAULTS, found(6), false)).isEqualTo(Duration.ofMinutes(1));
    }

    @Test
    void everyPollIntervalWithoutLiveWatching() {
        assertThat(RescanSchedule.nextRescanDelay(DEFAULTS, found(0), true)).isEqualTo(Duration.ofSeconds(60));
        var fast = DEFAULTS.withPolling(true, Duration.ofSeconds(10));
        assertThat(RescanSchedule.nextRescanDelay(fast, found(100), true)).isEqualTo(Duration.ofSeconds(10));
    }
}
