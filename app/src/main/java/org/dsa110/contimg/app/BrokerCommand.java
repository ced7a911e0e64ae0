package org.dsa110.contimg.app;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.apache.kafka.common.Uuid;
import org.dsa110.contimg.app.cli.BrokerOptions;
import org.dsa110.contimg.app.cli.ClusterOptions;
import org.dsa110.contimg.app.cli.PathOptions;
import org.dsa110.contimg.app.cli.UntilStopped;
import org.dsa110.contimg.broker.LocalBroker;
import org.dsa110.contimg.contract.config.PipelinePaths;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code contimg broker}: only the embedded Kafka node (alone, or one of a cluster), until stopped. */
@Command(
        name = "broker",
        mixinStandardHelpOptions = true,
        description = {
            "Run a real Kafka broker (KRaft, combined broker and controller) with its data under <home>/kafka, "
                    + "until Ctrl-C or SIGTERM: a node alone by default, or one node of a cluster with --node-id, "
                    + "--voters and --cluster-id.",
            "Storage is formatted on the first start and reused afterwards; topics are not created "
                    + "(contimg up does that)."
        })
public final class BrokerCommand implements Callable<Integer> {

    @Mixin
    PathOptions paths;

    @Mixin
    BrokerOptions broker;

    @Mixin
    ClusterOptions cluster;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        if (cluster.newClusterIdWanted()) {
            out.println(Uuid.randomUuid());
            return 0;
        }
        PipelinePaths resolved = paths.resolve();
        LocalBroker.Options options = cluster.options(resolved.kafkaDir(), broker);
        UntilStopped.run("broker", out, services -> {
            LocalBroker running = services.start(new LocalBroker(options));
            out.println("contimg broker: " + running.describe());
            return "at " + running.bootstrapServers() + " (Ctrl-C to stop)";
        });
        return 0;
    }
}
