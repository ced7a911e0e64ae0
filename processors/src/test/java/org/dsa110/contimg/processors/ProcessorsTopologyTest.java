package org.dsa110.contimg.processors;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.kafka.streams.TopologyDescription;
import org.dsa110.contimg.contract.config.PipelinePaths;
import org.dsa110.contimg.contract.topics.ConsumerGroups;
import org.dsa110.contimg.processors.kernel.ProcessorsMetrics;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The topology reads what the contract says the processors' group reads, so lag and resets name the same topics. */
class ProcessorsTopologyTest {

    @TempDir
    Path dir;

    @Test
    void readsExactlyTheInputsOfTheProcessorsGroup() {
        var paths = PipelinePaths.resolve(
                new PipelinePaths.Flags(dir, dir.resolve("data"), null, null, null, null, null), Map.of());
        var settings = ProcessorsSettings.defaults(paths, "test-host");
        TopologyDescription description = ProcessorsTopology.build(settings, new ProcessorsMetrics(), Clock.systemUTC())
                .describe();
        Set<String> sources = new TreeSet<>();
        for (TopologyDescription.Subtopology subtopology : description.subtopologies()) {
            for (TopologyDescription.Node node : subtopology.nodes()) {
                if (node instanceof TopologyDescription.Source source) {
                    sources.addAll(source.topicSet());
                }
            }
        }
        assertThat(sources)
                .containsExactlyInAnyOrderElementsOf(
                        ConsumerGroups.processors("test-host").inputNames());
    }
}
