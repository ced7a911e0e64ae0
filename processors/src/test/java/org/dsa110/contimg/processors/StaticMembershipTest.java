package org.dsa110.contimg.processors;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.dsa110.contimg.contract.config.KafkaSettings;
import org.dsa110.contimg.contract.config.Membership;
import org.dsa110.contimg.contract.config.PipelinePaths;
import org.dsa110.contimg.contract.testing.SharedKafka;
import org.dsa110.contimg.contract.testing.TestBroker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A processors instance killed with SIGKILL (a JVM of its own: nothing of it runs after the signal) that comes back
 * under the same instance id gets its tasks back at once, not after its old session times out.
 * Asserted loosely (well under the session timeout) so a loaded machine does not fail it; the figure is the chaos
 * benchmark's.
 */
@ExtendWith(SharedKafka.class)
class StaticMembershipTest {

    private static final Duration SESSION = Duration.ofSeconds(60);

    @TempDir
    Path home;

    @Test
    void aRestartedStaticMemberRunsAgainWellWithinItsSessionTimeout(TestBroker broker) throws Exception {
        KafkaSettings kafka = broker.withContractTopics();
        var paths = PipelinePaths.resolve(new PipelinePaths.Flags(home, null, null, null, null, null, null), Map.of());
        for (Path dir : List.of(paths.root(), paths.incoming(), paths.scratch(), paths.logDir())) {
            Files.createDirectories(dir);
        }
        var settings = ProcessorsSettings.defaults(paths, "test-host");
        String application = "test-static-" + UUID.randomUUID();
        var membership = new Membership("imager", SESSION);

        try (var first = ProcessorsChild.start(
                kafka.bootstrapServers(), home, application, membership, ProcessorsService.START_TIMEOUT)) {
            first.kill(); // a crash: no close, no commit, no leave-group
        }

        long started = System.nanoTime();
        try (var second = new ProcessorsService(settings, kafka, application, membership)) {
            second.start();
            second.awaitRunning(ProcessorsService.START_TIMEOUT);
            Duration back = Duration.ofNanos(System.nanoTime() - started);
            assertThat(back).isLessThan(SESSION.dividedBy(3));
        }
    }
}
