package org.dsa110.contimg.processors;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.dsa110.contimg.contract.config.KafkaSettings;
import org.dsa110.contimg.contract.config.Membership;
import org.dsa110.contimg.contract.config.PipelinePaths;
import org.dsa110.contimg.contract.metrics.PrometheusMetrics;
import org.dsa110.contimg.contract.testing.SharedKafka;
import org.dsa110.contimg.contract.testing.TestBroker;
import org.dsa110.contimg.contract.testing.WireShape;
import org.dsa110.contimg.contract.topics.Topics;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the processors show other services, as recorded: their snapshot on {@code contimg.status} (field names,
 * order, types, fixed words) and their own metric series. A change of the processors' code must leave both as they
 * are.
 */
@ExtendWith(SharedKafka.class)
class ProcessorsWireShapeTest {

    @TempDir
    Path home;

    @Test
    void theStatusSnapshotAndTheMetricNamesAreAsRecorded(TestBroker broker) throws Exception {
        KafkaSettings kafka = broker.withContractTopics();
        var paths = PipelinePaths.resolve(new PipelinePaths.Flags(home, null, null, null, null, null, null), Map.of());
        for (Path dir : List.of(paths.root(), paths.incoming(), paths.scratch(), paths.logDir())) {
            Files.createDirectories(dir);
        }
        String application = "test-shape-" + UUID.randomUUID();
        try (var metrics = new PrometheusMetrics("processors");
                var processors = new ProcessorsService(
                                ProcessorsSettings.defaults(paths, "shape-host"),
                                kafka,
                                application,
                                new Membership("shape", Membership.DEFAULT_SESSION_TIMEOUT))
                        .withMetrics(metrics)) {
            processors.start();
            processors.awaitRunning(ProcessorsService.START_TIMEOUT);
            String json = new String(
                    Topics.STATUS.valueSerde().serializer().serialize(Topics.STATUS.name(), processors.status(true)));
            WireShape.assertSame(
                    WireShape.ofJson(json, Map.of(home.toString(), "<home>", application, "<application>")),
                    Path.of("src/test/resources/wire-shape/processors-status.json"));
            WireShape.assertSame(
                    WireShape.ofContimgMetrics(metrics.scrape()),
                    Path.of("src/test/resources/wire-shape/processors-metrics.txt"));
        }
    }
}
