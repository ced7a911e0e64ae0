package org.dsa110.contimg.app.cli;

import java.nio.file.Path;
import java.time.Duration;
import org.dsa110.contimg.contract.config.KafkaSettings;
import picocli.CommandLine.Option;

/** How to reach the Kafka cluster and lay out the topics; flags fall back to environment variables. */
public final class KafkaOptions {

    @Option(
            names = "--bootstrap-servers",
            paramLabel = "HOST:PORT[,...]",
            description = "Kafka cluster to use (env CONTIMG_BOOTSTRAP_SERVERS; default the properties file's "
                    + "bootstrap.servers, else 127.0.0.1:9092).")
    String bootstrapServers;

    @Option(
            names = "--kafka-properties",
            paramLabel = "FILE",
            description = "Kafka client properties file, passed to every client as it is: SASL, SSL, tuning "
                    + "(env CONTIMG_KAFKA_PROPERTIES).")
    Path clientProperties;

    @Option(
            names = "--partitions",
            paramLabel = "N",
            description = "Partitions of each topic when created (env CONTIMG_TOPIC_PARTITIONS; default 3).")
    Integer partitions;

    @Option(
            names = "--replication-factor",
            paramLabel = "N",
            description = "Replicas of each topic when created (env CONTIMG_TOPIC_REPLICATION; default 1).")
    Short replicationFactor;

    @Option(
            names = "--replay-window-hours",
            paramLabel = "HOURS",
            description =
                    "Retention of contimg.fs-events when created (env CONTIMG_REPLAY_WINDOW_HOURS; " + "default 168).")
    Long replayWindowHours;

    /**
     * Whether the operator named a cluster: by flag, environment, or a properties file that sets
     * {@code bootstrap.servers} (a file that only tunes clients names none).
     */
    public boolean clusterGiven() {
        return bootstrapServers != null
                || System.getenv(KafkaSettings.ENV_BOOTSTRAP) != null
                || resolve().clientProperties().containsKey("bootstrap.servers");
    }

    public KafkaSettings resolve() {
        return resolveWith(bootstrapServers);
    }

    /** The same settings pointed at another cluster (the embedded broker). */
    public KafkaSettings resolveFor(String bootstrap) {
        return resolveWith(bootstrap);
    }

    private KafkaSettings resolveWith(String bootstrap) {
        Duration replayWindow = replayWindowHours == null ? null : Duration.ofHours(replayWindowHours);
        return KafkaSettings.resolve(
                new KafkaSettings.Flags(bootstrap, clientProperties, partitions, replicationFactor, replayWindow),
                System.getenv());
    }
}
