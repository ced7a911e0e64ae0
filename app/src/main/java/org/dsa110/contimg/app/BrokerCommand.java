package org.dsa110.contimg.app;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.dsa110.contimg.app.cli.BrokerOptions;
import org.dsa110.contimg.app.cli.PathOptions;
import org.dsa110.contimg.app.cli.UntilStopped;
import org.dsa110.contimg.broker.LocalBroker;
import org.dsa110.contimg.contract.config.PipelinePaths;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code contimg broker}: only the embedded single-node Kafka broker, until stopped. */
@Command(
        name = "broker",
        mixinStandardHelpOptions = true,
        description = {
            "Run a real single-node Kafka broker (KRaft) with its data under <home>/kafka, until "
                    + "Ctrl-C or SIGTERM.",
            "Storage is formatted on the first start and reused afterwards; topics are not created "
                    + "(contimg up does that)."
        })
public final class BrokerCommand implements Callable<Integer> {

    @Mixin
    PathOptions paths;

    @Mixin
    BrokerOptions broker;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PipelinePaths resolved = paths.resolve();
        UntilStopped.run("broker", out, services -> {
            LocalBroker running = services.start(new LocalBroker(broker.options(resolved.kafkaDir())));
            out.println("contimg broker: " + running.describe());
            return "at " + running.bootstrapServers() + " (Ctrl-C to stop)";
        });
        return 0;
    }
}
