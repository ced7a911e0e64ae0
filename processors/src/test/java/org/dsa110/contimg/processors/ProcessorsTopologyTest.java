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
import org.dsa110.contimg.pointing.analysis.DeclinationCampaigns;
import org.dsa110.contimg.pointing.calibrators.TransitFinder;
import org.dsa110.contimg.processors.calibration.CalibrationMetrics;
import org.dsa110.contimg.processors.kernel.ProcessorsMetrics;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The topologies read what the contract says their groups read (the per-host processors, the cluster's calibration
 * application), so lag and resets name the same topics.
 */
class ProcessorsTopologyTest {

    @TempDir
    Path dir;

    @Test
    void readsExactlyTheInputsOfTheProcessorsGroup() {
        var paths = PipelinePaths.resolve(
                new PipelinePaths.Flags(dir, dir.resolve("data"), null, null, null, null, null), Map.of());
        var settings = ProcessorsSettings.defaults(paths, "test-host");
        assertThat(sources(ProcessorsTopology.build(settings, new ProcessorsMetrics(), Clock.systemUTC())
                        .describe()))
                .containsExactlyInAnyOrderElementsOf(
                        ConsumerGroups.processors("test-host").inputNames());
    }

    @Test
    void theCalibrationApplicationReadsExactlyTheInputsOfItsGroup() {
        var rule =
                new DeclinationCampaigns(DeclinationCampaigns.DEFAULT_JUMP_DEG, DeclinationCampaigns.DEFAULT_GAP_HOURS);
        assertThat(sources(CalibrationTopology.build(TransitFinder.defaults(), rule, new CalibrationMetrics())
                        .describe()))
                .containsExactlyInAnyOrderElementsOf(ConsumerGroups.CALIBRATION.inputNames());
    }

    /** The topics a topology reads, but for its own repartition topics. */
    private static Set<String> sources(TopologyDescription description) {
        Set<String> sources = new TreeSet<>();
        for (TopologyDescription.Subtopology subtopology : description.subtopologies()) {
            for (TopologyDescription.Node node : subtopology.nodes()) {
                if (node instanceof TopologyDescription.Source source) {
                    source.topicSet().stream()
                            .filter(topic -> !topic.endsWith("-repartition"))
                            .forEach(sources::add);
                }
            }
        }
        return sources;
    }
}
