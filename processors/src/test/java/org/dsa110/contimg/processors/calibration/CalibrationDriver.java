package org.dsa110.contimg.processors.calibration;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Properties;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.dsa110.contimg.contract.CalibratorTransit;
import org.dsa110.contimg.contract.CampaignEvent;
import org.dsa110.contimg.contract.PointingObservation;
import org.dsa110.contimg.contract.topics.Topic;
import org.dsa110.contimg.contract.topics.Topics;
import org.dsa110.contimg.pointing.analysis.DeclinationCampaigns;
import org.dsa110.contimg.pointing.calibrators.TransitFinder;
import org.dsa110.contimg.processors.CalibrationTopology;
import org.dsa110.contimg.processors.DeadLetterHandler;

/**
 * The calibration application's topology under a {@link TopologyTestDriver}, with the service's handlers, the
 * default catalog and beam and the history's campaign rule, and its three topics.
 */
public final class CalibrationDriver implements AutoCloseable {

    public final TopologyTestDriver driver;
    public final TestInputTopic<String, PointingObservation> pointings;
    public final TestInputTopic<String, CalibratorTransit> transitsIn;
    public final TestOutputTopic<String, CalibratorTransit> transits;
    public final TestOutputTopic<String, CampaignEvent> campaigns;
    public final CalibrationMetrics metrics = new CalibrationMetrics();

    public CalibrationDriver(Path stateDir) {
        var properties = new Properties();
        properties.put(StreamsConfig.APPLICATION_ID_CONFIG, "calibration-topology-test");
        properties.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        properties.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterHandler.class.getName());
        properties.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterHandler.class.getName());
        properties.put(DeadLetterHandler.METRICS_CONFIG, metrics);
        var rule =
                new DeclinationCampaigns(DeclinationCampaigns.DEFAULT_JUMP_DEG, DeclinationCampaigns.DEFAULT_GAP_HOURS);
        driver = new TopologyTestDriver(
                CalibrationTopology.build(TransitFinder.defaults(), rule, metrics),
                properties,
                Instant.parse("2026-01-15T00:00:00Z"));
        pointings = input(Topics.POINTING);
        transitsIn = input(Topics.CALIBRATOR_TRANSITS);
        transits = output(Topics.CALIBRATOR_TRANSITS);
        campaigns = output(Topics.CAMPAIGNS);
    }

    private <V> TestInputTopic<String, V> input(Topic<String, V> topic) {
        return driver.createInputTopic(
                topic.name(), topic.keySerde().serializer(), topic.valueSerde().serializer());
    }

    private <V> TestOutputTopic<String, V> output(Topic<String, V> topic) {
        return driver.createOutputTopic(
                topic.name(),
                topic.keySerde().deserializer(),
                topic.valueSerde().deserializer());
    }

    @Override
    public void close() {
        driver.close();
    }
}
