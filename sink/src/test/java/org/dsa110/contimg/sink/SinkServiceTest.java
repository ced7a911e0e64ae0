package org.dsa110.contimg.sink;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.dsa110.contimg.contract.config.KafkaSettings;
import org.dsa110.contimg.contract.config.Membership;
import org.dsa110.contimg.contract.config.PipelinePaths;
import org.dsa110.contimg.contract.testing.SharedKafka;
import org.dsa110.contimg.contract.testing.TestBroker;
import org.dsa110.contimg.pointing.calibrators.TransitFinder;
import org.dsa110.contimg.sink.status.MonitorSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The sink as it runs: a loop that dies of a bug is not silent, and the last status says why. */
@ExtendWith(SharedKafka.class)
class SinkServiceTest {

    @TempDir
    Path home;

    @Test
    void anUnexpectedExceptionInTheLoopFailsTheServiceAndTheLastStatusSaysWhy(TestBroker broker) throws Exception {
        KafkaSettings kafka = broker.withContractTopics();
        var paths = PipelinePaths.resolve(new PipelinePaths.Flags(home, null, null, null, null, null, null), Map.of());
        for (Path dir : List.of(paths.root(), paths.incoming(), paths.state())) {
            Files.createDirectories(dir);
        }
        MonitorSettings settings = MonitorSettings.of(paths).withStatusInterval(Duration.ofSeconds(1));
        // A group of its own: the shared broker's contimg-sink group belongs to no test.
        var membership = new Membership("test-" + UUID.randomUUID(), Duration.ofSeconds(10));
        var service = new SinkService(
                kafka, membership, settings, "127.0.0.1", 0, TransitFinder.defaults(), Clock.systemUTC());
        try (service) {
            service.start();
            Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> Files.exists(settings.statusFile()));
            assertThat(service.failure()).isNull();

            service.sink().injectFault(new IllegalStateException("a bug in the sink's loop"));

            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> service.failure() != null);
            assertThat(service.failure()).isEqualTo("pointing sink: its loop stopped: a bug in the sink's loop");
        }
        JsonNode last = new ObjectMapper().readTree(settings.statusFile().toFile());
        assertThat(last.get("running").asBoolean()).isFalse();
        assertThat(last.get("healthy").asBoolean()).isFalse();
        assertThat(last.get("issues").toString())
                .contains("the pointing sink cannot go on: its loop stopped: a bug in the sink's loop");
    }
}
