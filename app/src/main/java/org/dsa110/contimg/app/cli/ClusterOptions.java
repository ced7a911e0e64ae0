package org.dsa110.contimg.app.cli;

import java.nio.file.Path;
import java.util.List;
import org.dsa110.contimg.broker.LocalBroker;
import picocli.CommandLine.Option;

/** The cluster a {@code contimg broker} node belongs to: alone unless {@code --voters} names several. */
public final class ClusterOptions {

    @Option(
            names = "--node-id",
            paramLabel = "N",
            description = "This node's id in a cluster of several (default 1, a node alone).")
    Integer nodeId;

    @Option(
            names = "--voters",
            paramLabel = "ID@HOST:PORT",
            split = ",",
            description = "Every controller of the cluster, this node among them, the same list on every node "
                    + "(e.g. 1@10.0.0.1:9093,2@10.0.0.2:9093,3@10.0.0.3:9093); default: this node alone.")
    List<String> voters;

    @Option(
            names = "--cluster-id",
            paramLabel = "ID",
            description = "The cluster's id, the same on every node (contimg broker --new-cluster-id makes one); "
                    + "required with --voters, made at the first start of a node alone.")
    String clusterId;

    @Option(names = "--new-cluster-id", description = "Print a new cluster id for --cluster-id and exit.")
    boolean newClusterId;

    public boolean newClusterIdWanted() {
        return newClusterId;
    }

    /** Where and how this node runs: {@code broker}'s listeners, in this cluster. */
    public LocalBroker.Options options(Path dir, BrokerOptions broker) {
        int controller = broker.controllerPort();
        if (voters == null || voters.isEmpty()) {
            if (nodeId != null && nodeId != LocalBroker.SINGLE_NODE_ID) {
                throw new IllegalArgumentException("--node-id " + nodeId + " needs --voters naming the cluster");
            }
            var alone = new LocalBroker.Options(dir, broker.host(), broker.port(), controller);
            return clusterId == null
                    ? alone
                    : new LocalBroker.Options(
                            dir, broker.host(), broker.port(), controller, alone.nodeId(), alone.voters(), clusterId);
        }
        return new LocalBroker.Options(
                dir,
                broker.host(),
                broker.port(),
                controller,
                nodeId != null ? nodeId : LocalBroker.SINGLE_NODE_ID,
                voters,
                clusterId);
    }
}
