package org.dsa110.contimg.contract.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.dsa110.contimg.contract.topics.TopicLayout;
import org.dsa110.contimg.contract.topics.Topics;

/**
 * The one place where Kafka client and Admin configurations are assembled, and the first layers of the Streams
 * configuration (finished by the processors' {@code StreamsSettings}, the only module that carries Streams).
 *
 * <p>Each configuration is built in three layers: this project's defaults, then the operator's client properties
 * file (passed through untouched, so SASL, SSL and tuning settings work without code changes), then the settings
 * the pipeline's guarantees depend on, which no file may weaken: idempotent {@code acks=all} producers,
 * {@code read_committed} consumers that commit by hand, {@code exactly_once_v2} Streams.
 *
 * <p>The bootstrap servers come from the flag, else {@value #ENV_BOOTSTRAP}, else the file's
 * {@code bootstrap.servers}, else {@value #DEFAULT_BOOTSTRAP} (the embedded broker of {@code contimg up}).
 */
public final class KafkaSettings {

    public static final String ENV_BOOTSTRAP = "CONTIMG_BOOTSTRAP_SERVERS";
    public static final String ENV_CLIENT_PROPERTIES = "CONTIMG_KAFKA_PROPERTIES";
    public static final String ENV_PARTITIONS = "CONTIMG_TOPIC_PARTITIONS";
    public static final String ENV_REPLICATION = "CONTIMG_TOPIC_REPLICATION";
    public static final String ENV_REPLAY_WINDOW = "CONTIMG_REPLAY_WINDOW_HOURS";
    public static final String DEFAULT_BOOTSTRAP = "127.0.0.1:9092";
    /**
     * The longest a client waits between attempts to reach a broker it lost (Kafka's default: 1 s). A client's wait
     * doubles with each failed attempt, so after a broker restart of a few seconds every client had reached the
     * ceiling and found the broker back up to a second late, a quarter of the pipeline's resumption
     * (docs/performance.md, "Crashes"). At rest no client reconnects; while a broker is down, each tries four times
     * a second instead of once.
     */
    static final int RECONNECT_BACKOFF_MAX_MS = 250;

    private final String bootstrapServers;
    private final Map<String, String> clientProperties;
    private final TopicLayout topics;

    private KafkaSettings(String bootstrapServers, Map<String, String> clientProperties, TopicLayout topics) {
        this.bootstrapServers = bootstrapServers;
        this.clientProperties = Map.copyOf(clientProperties);
        this.topics = topics;
    }

    /**
     * What the command line said; every field may be {@code null} (not given).
     *
     * @param bootstrapServers  {@code --bootstrap-servers}
     * @param clientProperties  {@code --kafka-properties}: a Kafka client properties file
     * @param partitions        {@code --partitions}
     * @param replicationFactor {@code --replication-factor}
     * @param replayWindow      {@code --replay-window-hours}: retention of {@code contimg.fs-events}
     */
    public record Flags(
            String bootstrapServers,
            Path clientProperties,
            Integer partitions,
            Short replicationFactor,
            Duration replayWindow) {
        public static Flags none() {
            return new Flags(null, null, null, null, null);
        }
    }

    public static KafkaSettings resolve(Flags flags, Map<String, String> env) {
        Path file = FlagOrEnv.pick(flags.clientProperties(), env, ENV_CLIENT_PROPERTIES, Path::of, null);
        Map<String, String> fromFile = file == null ? Map.of() : load(file);
        String bootstrap = FlagOrEnv.pick(
                flags.bootstrapServers(),
                env,
                ENV_BOOTSTRAP,
                s -> s,
                fromFile.getOrDefault(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, DEFAULT_BOOTSTRAP));
        int partitions = FlagOrEnv.pick(
                flags.partitions(), env, ENV_PARTITIONS, Integer::valueOf, TopicLayout.DEFAULT_PARTITIONS);
        short replication = FlagOrEnv.pick(
                flags.replicationFactor(),
                env,
                ENV_REPLICATION,
                Short::valueOf,
                TopicLayout.DEFAULT_REPLICATION_FACTOR);
        Duration replayWindow = FlagOrEnv.pick(
                flags.replayWindow(), env, ENV_REPLAY_WINDOW, hours -> Duration.ofHours(Long.parseLong(hours)), null);
        TopicLayout layout = new TopicLayout(partitions, replication, Map.of());
        if (replayWindow != null) {
            layout = layout.withRetention(Topics.FS_EVENTS, replayWindow);
        }
        return new KafkaSettings(bootstrap, fromFile, layout);
    }

    /** Settings for a cluster at the given address with the local defaults and no properties file. */
    public static KafkaSettings forBootstrap(String bootstrapServers) {
        return new KafkaSettings(bootstrapServers, Map.of(), TopicLayout.defaults());
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    public TopicLayout topics() {
        return topics;
    }

    /** The operator's client properties, as read from the file. */
    public Map<String, String> clientProperties() {
        return clientProperties;
    }

    public Map<String, Object> admin(String clientId) {
        var config = layered(Map.of(
                CommonClientConfigs.CLIENT_ID_CONFIG,
                clientId,
                CommonClientConfigs.DEFAULT_API_TIMEOUT_MS_CONFIG,
                30_000));
        return Map.copyOf(config);
    }

    /**
     * A producer's configuration. By default it keeps the partitions it knows through a broker outage
     * ({@code metadata.recovery.strategy=none}): Kafka 4's default, {@code rebootstrap}, forgets them when every
     * broker is unreachable, and each send then blocks its thread for {@code max.block.ms} and fails instead of
     * waiting in the buffer (BrokerOutageTest). A cluster whose brokers all change address may set it back.
     */
    public Map<String, Object> producer(String clientId) {
        var config = layered(Map.of(
                ProducerConfig.CLIENT_ID_CONFIG,
                clientId,
                ProducerConfig.COMPRESSION_TYPE_CONFIG,
                "lz4",
                ProducerConfig.LINGER_MS_CONFIG,
                5,
                CommonClientConfigs.METADATA_RECOVERY_STRATEGY_CONFIG,
                "none"));
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        return config;
    }

    public Map<String, Object> consumer(String groupId, String clientId) {
        var config = layered(
                Map.of(ConsumerConfig.CLIENT_ID_CONFIG, clientId, ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"));
        if (groupId != null) {
            config.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        }
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        return config;
    }

    /**
     * The first two layers and the address: the given defaults, then the operator's properties file, then the
     * bootstrap servers. A caller adds its guarantees after this, so the file cannot weaken them; this is how
     * the processors' {@code StreamsSettings} builds the Streams configuration, which this module cannot name
     * because it does not carry Kafka Streams.
     */
    public Map<String, Object> layered(Map<String, Object> defaults) {
        var config = new LinkedHashMap<String, Object>();
        config.put(CommonClientConfigs.RECONNECT_BACKOFF_MAX_MS_CONFIG, RECONNECT_BACKOFF_MAX_MS);
        config.putAll(defaults);
        config.putAll(clientProperties);
        config.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        return config;
    }

    private static Map<String, String> load(Path file) {
        var properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("Cannot read Kafka client properties " + file + ": no such file", e);
        } catch (IOException e) {
            throw new IllegalArgumentException("Cannot read Kafka client properties " + file + ": " + e, e);
        }
        var map = new LinkedHashMap<String, String>();
        properties.stringPropertyNames().forEach(name -> map.put(name, properties.getProperty(name)));
        return map;
    }

    @Override
    public String toString() {
        // Never print the file's values: they may hold SASL passwords.
        return "KafkaSettings[bootstrap=" + bootstrapServers + ", properties=" + clientProperties.keySet() + ", topics="
                + topics + "]";
    }
}
