package org.dsa110.contimg.broker;

import java.lang.reflect.Field;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.server.SharedServer;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.image.MetadataDelta;
import org.apache.kafka.image.MetadataImage;
import org.apache.kafka.image.loader.LoaderManifest;
import org.apache.kafka.image.loader.MetadataLoader;
import org.apache.kafka.image.publisher.MetadataPublisher;
import org.apache.kafka.metadata.BrokerRegistration;
import org.apache.kafka.storage.internals.checkpoint.CleanShutdownFileHandler;

/**
 * After a stop without a clean shutdown (kill -9, an OOM kill, a power cut), runs the node's KRaft controller on its
 * own until it has fenced the broker's dead incarnation, so that the broker then starts on metadata that no longer
 * names it the leader of every partition.
 *
 * <p>Why: a combined broker + controller started straight after a kill loads the metadata its dead incarnation left
 * behind, in which that incarnation is unfenced and leads everything. Its transaction coordinator reads the
 * transaction log and begins writing the markers of the transactions that were committing when the process died.
 * Seconds later the controller fences the dead incarnation (its session, {@code broker.session.timeout.ms}, runs
 * out), every partition is without a leader for a moment, and the coordinator takes the missing leaders for deleted
 * topics: it drops those markers and may record the transactions complete. The partitions are then left with a
 * transaction that never ends, at which every read_committed consumer stops and every committed-offset fetch times
 * out: the processors never start (the restart of {@code CrashRecoveryTest} on a loaded machine, about one run in
 * three). Fenced beforehand, the broker loads an image without leaders, registers at once (no wait for the old
 * session to run out) and leads its partitions only once it is unfenced and listening, when its markers reach it.
 *
 * <p>The controller here has the node's id, storage and controller listener; the client port stays closed, so no
 * client sees this phase.
 */
final class DeadIncarnationFence {

    /**
     * The dead incarnation never heartbeats: its session may as well end at once. The controller fences it this long
     * after it becomes active; the broker's own restart waits for it.
     */
    private static final int DEAD_SESSION_MS = 100;

    private DeadIncarnationFence() {}

    /** Whether the last broker on this storage shut down cleanly (Kafka's marker, written by a clean shutdown). */
    static boolean stoppedCleanly(Path dataDir) {
        return Files.exists(dataDir.resolve(CleanShutdownFileHandler.CLEAN_SHUTDOWN_FILE_NAME));
    }

    /**
     * Runs the controller alone until the metadata shows broker {@code nodeId} fenced (or not registered), then
     * shuts it down.
     *
     * @param combined the combined node's settings ({@link LocalBroker#serverConfig})
     * @return how long it took
     * @throws java.util.concurrent.TimeoutException if the broker is not fenced within {@code timeout}
     */
    static Duration fence(Map<String, String> combined, int nodeId, Duration timeout) throws Exception {
        long started = System.nanoTime();
        var properties = new Properties();
        properties.putAll(controllerOnly(combined));
        var controller = new KafkaRaftServer(KafkaConfig.fromProps(properties, false), Time.SYSTEM);
        try {
            controller.startup();
            var fenced = new CompletableFuture<Void>();
            MetadataPublisher watch = new FencedWatch(nodeId, fenced);
            loaderOf(controller).installPublishers(List.of(watch)).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            fenced.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } finally {
            controller.shutdown();
            controller.awaitShutdown();
        }
        return Duration.ofNanos(System.nanoTime() - started);
    }

    /**
     * The server's metadata loader, which hands every new image to its publishers. {@code KafkaRaftServer} keeps its
     * {@code SharedServer} private; reading the field beats rebuilding the server's wiring by hand here. A Kafka
     * upgrade that renames it fails {@code DeadIncarnationFenceTest} before it fails a restart.
     */
    private static MetadataLoader loaderOf(KafkaRaftServer server) throws ReflectiveOperationException {
        Field shared = KafkaRaftServer.class.getDeclaredField("sharedServer");
        shared.setAccessible(true);
        return ((SharedServer) shared.get(server)).loader();
    }

    /** The combined node's settings reduced to its controller, with a dead broker's session cut short. */
    static Map<String, String> controllerOnly(Map<String, String> combined) {
        var config = new TreeMap<String, String>();
        for (String key : List.of("node.id", "controller.quorum.voters", "controller.listener.names", "log.dirs")) {
            config.put(key, require(combined, key));
        }
        String controllerListener = require(combined, "controller.listener.names");
        String listener = List.of(require(combined, "listeners").split(",")).stream()
                .filter(l -> l.startsWith(controllerListener + "://"))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException(
                        "no " + controllerListener + " listener in " + combined.get("listeners")));
        config.put("process.roles", "controller");
        config.put("listeners", listener);
        config.put("listener.security.protocol.map", controllerListener + ":PLAINTEXT");
        config.put("broker.session.timeout.ms", Integer.toString(DEAD_SESSION_MS));
        config.put("broker.heartbeat.interval.ms", Integer.toString(DEAD_SESSION_MS / 5));
        return config;
    }

    private static String require(Map<String, String> config, String key) {
        String value = config.get(key);
        if (value == null) {
            throw new IllegalArgumentException("the broker settings have no " + key);
        }
        return value;
    }

    /** Completes once the metadata image has the broker fenced or unregistered. */
    private record FencedWatch(int nodeId, CompletableFuture<Void> fenced) implements MetadataPublisher {

        @Override
        public String name() {
            return "contimg-dead-incarnation-fence";
        }

        @Override
        public void onMetadataUpdate(MetadataDelta delta, MetadataImage image, LoaderManifest manifest) {
            BrokerRegistration broker = image.cluster().broker(nodeId);
            if (broker == null || broker.fenced()) {
                fenced.complete(null);
            }
        }
    }
}
