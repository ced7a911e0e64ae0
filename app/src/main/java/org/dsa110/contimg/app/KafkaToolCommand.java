package org.dsa110.contimg.app;

import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.function.ToIntFunction;
import org.apache.kafka.common.utils.Exit;
import org.apache.kafka.tools.StreamsResetter;
import org.apache.kafka.tools.TransactionsCommand;
import org.apache.kafka.tools.consumer.group.ConsumerGroupCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code contimg kafka-tool TOOL ARGS...}: Kafka's own administration tools from this jar, for hosts without a
 * Kafka installation. The arguments after the tool's name go to it untouched; its help is {@code TOOL --help}.
 */
@Command(
        name = "kafka-tool",
        mixinStandardHelpOptions = true,
        description = {
            "Run one of Kafka's own tools from this jar (no Kafka installation needed); every argument "
                    + "after TOOL goes to it untouched:",
            "  streams-application-reset  kafka-streams-application-reset.sh (StreamsResetter): reprocess the "
                    + "processors' input from a time",
            "  consumer-groups            kafka-consumer-groups.sh: list groups, show lag, reset the sink's "
                    + "offsets",
            "  transactions               kafka-transactions.sh: list and describe transactions, find hanging "
                    + "ones and abort them",
            "Example: contimg kafka-tool consumer-groups --bootstrap-server 127.0.0.1:9092 --describe --group "
                    + "contimg-sink"
        })
public final class KafkaToolCommand implements Callable<Integer> {

    /** Tool names, as the scripts of a Kafka installation are called (without kafka- and .sh). */
    static final Map<String, ToIntFunction<String[]>> TOOLS = Map.of(
            "streams-application-reset", args -> new StreamsResetter().execute(args),
            "consumer-groups", args -> exitCodeOf(() -> ConsumerGroupCommand.main(args)),
            "transactions", args -> exitCodeOf(() -> TransactionsCommand.main(args)));

    @Parameters(
            index = "0",
            paramLabel = "TOOL",
            description = "streams-application-reset, consumer-groups or transactions.")
    String tool;

    @Parameters(index = "1..*", paramLabel = "ARGS", description = "The tool's own arguments.")
    List<String> args = List.of();

    @Override
    public Integer call() {
        ToIntFunction<String[]> run = TOOLS.get(tool);
        if (run == null) {
            throw new IllegalArgumentException(
                    "no Kafka tool '" + tool + "' here; there are " + String.join(", ", new TreeSet<>(TOOLS.keySet())));
        }
        return run.applyAsInt(args.toArray(String[]::new));
    }

    /** A tool's {@code main}. */
    @FunctionalInterface
    private interface ToolMain {
        void run() throws Exception;
    }

    /** The tool's exit status: Kafka's tools end with {@code Exit.exit}, caught here instead of ending the JVM. */
    private static int exitCodeOf(ToolMain main) {
        final class Exited extends RuntimeException {
            final int status;

            Exited(int status) {
                super(null, null, false, false);
                this.status = status;
            }
        }
        Exit.setExitProcedure((status, message) -> {
            throw new Exited(status);
        });
        try {
            main.run();
            return 0;
        } catch (Exited e) {
            return e.status;
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        } finally {
            Exit.resetExitProcedure();
        }
    }
}
