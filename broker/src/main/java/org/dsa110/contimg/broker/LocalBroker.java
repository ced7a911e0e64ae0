package org.dsa110.contimg.broker;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.Writer;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.AppInfoParser;
import org.apache.kafka.common.utils.Time;
import org.dsa110.contimg.contract.OneLine;
import org.dsa110.contimg.contract.config.KafkaSettings;
import org.dsa110.contimg.contract.service.Service;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Kafka node in this JVM: the KRaft server from the {@code kafka_2.13} jar, the same code a production broker
 * runs, in combined broker + controller mode, listening on loopback unless told otherwise. Alone by default; with
 * {@link Options#voters} naming several nodes, one node of a cluster of combined nodes (static quorum: each node is
 * started with the same voters and cluster id).
 *
 * <p>Its storage is formatted on the first start (as {@code kafka-storage.sh format} would) and reused afterwards,
 * so topics and their records survive a restart; after a stop that was not clean (kill -9), the dead incarnation is
 * fenced before the broker starts ({@link DeadIncarnationFence}). It is set up the way a one-node pipeline needs:
 * replication 1 for the offsets and transaction logs, a small log-cleaner buffer, and no topic auto-creation (the
 * pipeline creates its topics with their configs; a typo must not create a stray topic). In a cluster of three nodes or
 * more the offsets and transaction logs have 3 replicas and need 2 in sync, as every topic the pipeline creates does
 * ({@code TopicLayout.minInsyncReplicas}), and no leader is ever elected from an out-of-sync replica.
 */
public final class LocalBroker implements Service {

    private static final Logger log = LoggerFactory.getLogger(LocalBroker.class);
    /** The id of a node that is alone: the default. */
    public static final int SINGLE_NODE_ID = 1;

    private static final Pattern VOTER = Pattern.compile("(\\d+)@(.+):(\\d+)");
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration FENCE_TIMEOUT = Duration.ofSeconds(30);
    /** How often a node alone writes a no-op to its metadata log (Kafka's default: 500 ms). */
    static final int IDLE_NO_OP_INTERVAL_MS = 10_000;

    private final Options options;
    private FileLock lock;
    private KafkaRaftServer server;
    private boolean formatted;
    /** How long fencing the dead incarnation took, when the last stop was not clean; otherwise null. */
    private Duration fencedIn;

    private String clusterId;

    /**
     * Where and how the node runs.
     *
     * @param dir            home of the node: {@code server.properties} and the {@code data/} log directory
     * @param host           address both listeners bind to and the clients are told; loopback unless the operator
     *                       says otherwise
     * @param port           the client listener's port
     * @param controllerPort the KRaft controller listener's port
     * @param nodeId         this node's id, one of the voters'
     * @param voters         every controller of the cluster as {@code ID@HOST:PORT} (this node among them)
     * @param clusterId      the cluster's id, the same on every node; {@code null} for a node alone (made at the
     *                       first start)
     */
    public record Options(
            Path dir, String host, int port, int controllerPort, int nodeId, List<String> voters, String clusterId) {
        public Options {
            if (port == controllerPort) {
                throw new IllegalArgumentException("the Kafka port and the controller port must differ: " + port);
            }
            voters = List.copyOf(voters);
            var ids = new TreeSet<Integer>();
            for (String voter : voters) {
                var match = VOTER.matcher(voter);
                if (!match.matches()) {
                    throw new IllegalArgumentException(
                            "voter \"" + voter + "\" is not ID@HOST:PORT (e.g. 1@10.0.0.1:9093)");
                }
                if (!ids.add(Integer.parseInt(match.group(1)))) {
                    throw new IllegalArgumentException("voter id " + match.group(1) + " is named twice");
                }
            }
            if (!ids.contains(nodeId)) {
                throw new IllegalArgumentException("--node-id " + nodeId + " is not among the voters " + voters);
            }
            if (voters.size() > 1 && clusterId == null) {
                throw new IllegalArgumentException("the nodes of a cluster must share one --cluster-id "
                        + "(make one with contimg broker --new-cluster-id)");
            }
            if (clusterId != null) {
                Uuid.fromString(clusterId); // says what is wrong with a malformed id
            }
        }

        /** A node alone: id 1, its own controller the only voter. */
        public Options(Path dir, String host, int port, int controllerPort) {
            this(
                    dir,
                    host,
                    port,
                    controllerPort,
                    SINGLE_NODE_ID,
                    List.of(SINGLE_NODE_ID + "@" + host + ":" + controllerPort),
                    null);
        }

        /** Whether this node is one of several. */
        public boolean clustered() {
            return voters.size() > 1;
        }

        /**
         * Replicas of the offsets and transaction logs: as many as there are nodes, up to 3 (a broker refuses to
         * create them with more replicas than brokers).
         */
        public int internalReplicas() {
            return Math.min(3, voters.size());
        }

        public Path dataDir() {
            return dir.resolve("data");
        }

        public Path configFile() {
            return dir.resolve("server.properties");
        }

        public String bootstrapServers() {
            return host + ":" + port;
        }
    }

    public LocalBroker(Options options) {
        this.options = options;
    }

    /**
     * Formats the storage if it is new, starts the broker, and returns once it answers clients.
     *
     * @throws BrokerStartException naming the cause in one line (a port taken, a home another broker holds)
     */
    @Override
    public void start() {
        Map<String, String> config = serverConfig(options);
        try {
            Files.createDirectories(options.dataDir());
            // Kafka halts the whole JVM when it cannot bind or lock its log directory, so check both first.
            lock = lockHome(options.dir());
            requireFree(options.host(), options.port(), "--kafka-port");
            requireFree(options.host(), options.controllerPort(), "--controller-port");
            writeConfig(options.configFile(), config);
            formatted = !Files.exists(options.dataDir().resolve("meta.properties"));
            if (formatted) {
                format(options);
            } else if (!options.clustered() && !DeadIncarnationFence.stoppedCleanly(options.dataDir())) {
                // In a cluster the other controllers fence a dead node when its session runs out.
                fencedIn = fenceDeadIncarnation(config, options.nodeId());
            }
            clusterId = readClusterId(options.dataDir());
            if (options.clusterId() != null && !options.clusterId().equals(clusterId)) {
                throw new IllegalStateException("the storage in " + options.dataDir() + " belongs to cluster "
                        + clusterId + ", not --cluster-id " + options.clusterId());
            }
            var properties = new Properties();
            properties.putAll(config);
            server = new KafkaRaftServer(KafkaConfig.fromProps(properties, false), Time.SYSTEM);
            server.startup();
            awaitReady(options);
        } catch (Exception e) {
            close();
            throw new BrokerStartException(options, e);
        }
    }

    private static FileLock lockHome(Path dir) throws IOException {
        FileChannel channel =
                FileChannel.open(dir.resolve("contimg.lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null; // held by a broker in this very JVM
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
        if (lock == null) {
            channel.close();
            throw new IllegalStateException("another contimg broker is already using " + dir);
        }
        return lock;
    }

    private static void release(FileLock lock) {
        if (lock == null) {
            return;
        }
        try {
            lock.channel().close();
        } catch (IOException e) {
            log.warn("Cannot release the broker lock: {}", e.toString());
        }
    }

    private static void requireFree(String host, int port, String flag) {
        try (var socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(host, port));
        } catch (IOException e) {
            throw new IllegalStateException("port " + port + " on " + host + " is in use (another broker?): "
                    + "stop it, or choose another with " + flag);
        }
    }

    /** The broker's settings, also written to {@code server.properties} for operators to read. */
    static Map<String, String> serverConfig(Options options) {
        var config = new TreeMap<String, String>();
        config.put("process.roles", "broker,controller");
        config.put("node.id", Integer.toString(options.nodeId()));
        config.put("controller.quorum.voters", String.join(",", options.voters()));
        config.put(
                "listeners",
                "PLAINTEXT://" + options.host() + ":" + options.port() + ",CONTROLLER://" + options.host() + ":"
                        + options.controllerPort());
        config.put("advertised.listeners", "PLAINTEXT://" + options.bootstrapServers());
        config.put("controller.listener.names", "CONTROLLER");
        config.put("inter.broker.listener.name", "PLAINTEXT");
        config.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        config.put("log.dirs", options.dataDir().toString());
        config.put("num.partitions", "3");
        config.put("auto.create.topics.enable", "false");
        String replicas = Integer.toString(options.internalReplicas());
        String inSync = options.internalReplicas() >= 3 ? "2" : "1";
        config.put("offsets.topic.replication.factor", replicas);
        config.put("offsets.topic.num.partitions", "3");
        config.put("transaction.state.log.replication.factor", replicas);
        config.put("transaction.state.log.min.isr", inSync);
        config.put("transaction.state.log.num.partitions", "3");
        config.put("share.coordinator.state.topic.replication.factor", replicas);
        config.put("share.coordinator.state.topic.min.isr", inSync);
        // For a topic created without its own settings (the pipeline's carry theirs: Topic.configs).
        config.put("default.replication.factor", replicas);
        config.put("min.insync.replicas", inSync);
        config.put("unclean.leader.election.enable", "false");
        // The cleaner compacts contimg.pointing and contimg.status; the 128 MiB default buffer is for big clusters.
        config.put("log.cleaner.dedupe.buffer.size", Integer.toString(8 * 1024 * 1024));
        // One consumer group per service: no point waiting for more members before the first rebalance.
        config.put("group.initial.rebalance.delay.ms", "0");
        if (!options.clustered()) {
            // The controller appends a no-op to the metadata log every 500 ms so that other nodes see it alive; a node
            // alone has nobody to tell, and the append, its flush and its publication were a tenth of the idle
            // broker's CPU (docs/performance.md, "Cost at rest"). A cluster keeps Kafka's default.
            config.put("metadata.max.idle.interval.ms", Integer.toString(IDLE_NO_OP_INTERVAL_MS));
        }
        return config;
    }

    private static void writeConfig(Path file, Map<String, String> config) throws IOException {
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write("# Written by contimg at every start of the embedded broker; edits are overwritten.\n");
            for (var entry : config.entrySet()) {
                out.write(entry.getKey() + "=" + entry.getValue() + "\n");
            }
        }
    }

    private static void format(Options options) {
        String clusterId = options.clusterId() != null
                ? options.clusterId()
                : Uuid.randomUuid().toString();
        var output = new ByteArrayOutputStream();
        int status;
        try (var out = new PrintStream(output, true, StandardCharsets.UTF_8)) {
            status = StorageTool.execute(
                    new String[] {
                        "format",
                        "--cluster-id",
                        clusterId,
                        "--config",
                        options.configFile().toString()
                    },
                    out);
        }
        String said = output.toString(StandardCharsets.UTF_8).strip();
        if (status != 0) {
            throw new IllegalStateException("formatting " + options.dataDir() + " failed: " + said);
        }
        log.info("Formatted new broker storage in {} (cluster id {})", options.dataDir(), clusterId);
        log.debug("kafka-storage format said: {}", said);
    }

    /** See {@link DeadIncarnationFence}: without it, a transaction open at the kill may never end. */
    private static Duration fenceDeadIncarnation(Map<String, String> config, int nodeId) throws Exception {
        log.info("The last broker on this storage did not shut down cleanly: fencing it before the broker starts");
        try {
            Duration took = DeadIncarnationFence.fence(config, nodeId, FENCE_TIMEOUT);
            log.info("Fenced the broker's dead incarnation in {} ms", took.toMillis());
            return took;
        } catch (TimeoutException e) {
            // The combined start may still succeed (it fences the old session itself, later); say what is at risk.
            log.warn(
                    "Could not fence the broker's dead incarnation within {} s; starting anyway, and a transaction "
                            + "open at the last stop may be left hanging (docs/operations.md, \"A restart that never gets "
                            + "ready\")",
                    FENCE_TIMEOUT.toSeconds());
            return null;
        }
    }

    private static String readClusterId(Path dataDir) throws IOException {
        var meta = new Properties();
        try (var in = Files.newBufferedReader(dataDir.resolve("meta.properties"), StandardCharsets.UTF_8)) {
            meta.load(in);
        }
        return meta.getProperty("cluster.id", "unknown");
    }

    private static void awaitReady(Options options) throws Exception {
        var settings = KafkaSettings.forBootstrap(options.bootstrapServers());
        try (Admin admin = Admin.create(settings.admin("contimg-broker-probe"))) {
            admin.describeCluster(new DescribeClusterOptions().timeoutMs((int) READY_TIMEOUT.toMillis()))
                    .nodes()
                    .get(READY_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    public String bootstrapServers() {
        return options.bootstrapServers();
    }

    public Options options() {
        return options;
    }

    /** Whether this start found the last stop unclean and fenced the dead incarnation before starting. */
    public boolean fencedDeadIncarnation() {
        return fencedIn != null;
    }

    /** Whether this start formatted new storage ({@code false}: existing data was reused). */
    public boolean formatted() {
        return formatted;
    }

    public String clusterId() {
        return clusterId;
    }

    @Override
    public String name() {
        return "Kafka broker";
    }

    @Override
    public String describe() {
        return "Kafka " + AppInfoParser.getVersion() + " broker at " + bootstrapServers()
                + (options.clustered()
                        ? " (node " + options.nodeId() + " of "
                                + options.voters().size() + ")"
                        : "")
                + ", "
                + (formatted ? "new storage" : "reusing storage") + " in " + options.dataDir() + " (cluster "
                + clusterId + ")"
                + (fencedIn == null
                        ? ""
                        : "; after an unclean stop, its dead incarnation fenced first in " + fencedIn.toMillis()
                                + " ms");
    }

    /** Shuts the broker down cleanly: logs flushed and closed, so the next start needs no recovery. */
    @Override
    public void close() {
        try {
            if (server != null) {
                stop(server);
                server = null;
            }
        } finally {
            release(lock);
            lock = null;
        }
    }

    private static void stop(KafkaRaftServer server) {
        server.shutdown();
        server.awaitShutdown();
    }

    /** The broker could not start; the message says why in one line. */
    public static final class BrokerStartException extends RuntimeException {
        BrokerStartException(Options options, Exception cause) {
            super(
                    "cannot start the Kafka broker on " + options.bootstrapServers() + " with data in "
                            + options.dataDir() + ": " + rootMessage(cause),
                    cause);
        }

        private static String rootMessage(Throwable e) {
            Throwable root = e;
            while (root.getCause() != null && root.getCause() != root) {
                root = root.getCause();
            }
            return OneLine.of(root);
        }
    }
}
