package org.dsa110.contimg.producer;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.dsa110.contimg.contract.config.KafkaSettings;
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
 * What the producer shows other services, as recorded: its snapshot on {@code contimg.status} (field names, order,
 * types, fixed words) and its own metric series. A change of the producer's code must leave both as they are.
 */
@ExtendWith(SharedKafka.class)
class ProducerWireShapeTest {

    @TempDir
    Path home;

    @Test
    void theStatusSnapshotAndTheMetricNamesAreAsRecorded(TestBroker broker) throws Exception {
        KafkaSettings kafka = broker.withContractTopics();
        var paths = PipelinePaths.resolve(new PipelinePaths.Flags(home, null, null, null, null, null, null), Map.of());
        for (Path dir : List.of(paths.root(), paths.incoming(), paths.scratch())) {
            Files.createDirectories(dir);
        }
        Files.writeString(paths.root().resolve("casa-20251104-101010.log"), "CASA <INFO>\n");
        try (var metrics = new PrometheusMetrics("producer");
                var producer = new ProducerService(ProducerSettings.defaults(paths, "shape-host"), kafka)
                        .withMetrics(metrics)) {
            producer.start();
            String json = new String(
                    Topics.STATUS.valueSerde().serializer().serialize(Topics.STATUS.name(), producer.status()));
            WireShape.assertSame(
                    WireShape.ofJson(json, Map.of(home.toString(), "<home>")),
                    Path.of("src/test/resources/wire-shape/producer-status.json"));
            WireShape.assertSame(
                    WireShape.ofContimgMetrics(metrics.scrape()),
                    Path.of("src/test/resources/wire-shape/producer-metrics.txt"));
        }
    }
}
