package org.dsa110.contimg.app;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.admin.Admin;
import org.dsa110.contimg.app.cli.KafkaOptions;
import org.dsa110.contimg.contract.config.KafkaSettings;
import org.dsa110.contimg.contract.topics.Topic;
import org.dsa110.contimg.contract.topics.TopicSetup;
import org.dsa110.contimg.contract.topics.Topics;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code contimg topics}: the pipeline's topics on an existing cluster, created if missing and checked if present,
 * as {@code contimg up} does on its embedded broker. Run once before the services (systemd's
 * {@code contimg-topics.service}, compose's {@code topics} service).
 */
@Command(
        name = "topics",
        mixinStandardHelpOptions = true,
        description = "Create the pipeline's topics that are missing on the cluster (--partitions, "
                + "--replication-factor) and check the ones present; a partition count or cleanup policy that "
                + "differs stops with what to change. Changes nothing that exists.")
public final class TopicsCommand implements Callable<Integer> {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    @Mixin
    KafkaOptions kafka;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        KafkaSettings settings = kafka.resolve();
        List<String> created;
        try (Admin admin = Admin.create(settings.admin("contimg-topics"))) {
            created = new TopicSetup(admin, settings.topics(), TIMEOUT).ensure(Topics.all());
        }
        for (Topic<?, ?> topic : Topics.all()) {
            out.println((created.contains(topic.name()) ? "created  " : "present  ") + topic.name());
        }
        out.printf(
                "contimg topics: %d topics in place at %s (%d created)%n",
                Topics.all().size(), settings.bootstrapServers(), created.size());
        out.flush();
        return 0;
    }
}
