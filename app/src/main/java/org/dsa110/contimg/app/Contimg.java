package org.dsa110.contimg.app;

import org.dsa110.contimg.app.cli.ManifestVersion;
import org.dsa110.contimg.app.cli.OneLineErrors;
import org.dsa110.contimg.app.logging.LogLevel;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/** {@code contimg}: every command of the pipeline in one jar. */
@Command(
        name = "contimg",
        mixinStandardHelpOptions = true,
        versionProvider = ManifestVersion.class,
        description = "The continuum-imaging host's file-event pipeline on Apache Kafka: moves CASA logs, purges "
                + "temporary directories, records the pointing of every UVH5 file.",
        subcommands = {
            UpCommand.class,
            BrokerCommand.class,
            TopicsCommand.class,
            ProducerCommand.class,
            ProcessorsCommand.class,
            SinkCommand.class,
            StatusCommand.class,
            BackfillCommand.class,
            ReplayCommand.class,
            KafkaToolCommand.class,
            ExtractCommand.class,
            TransitsCommand.class,
            CalibratorsCommand.class,
            CampaignsCommand.class,
            CoverageCommand.class,
            HousekeepingCommand.class,
            SweepLogsCommand.class,
            CommandLine.HelpCommand.class
        })
public final class Contimg implements Runnable {

    @Spec
    CommandSpec spec;

    /** On every command (inherited), as the old monitor had it: {@code contimg sink --log-level DEBUG ...}. */
    @Option(
            names = "--log-level",
            paramLabel = "LEVEL",
            scope = ScopeType.INHERIT,
            description = "The pipeline's own log lines from this level up: ERROR, WARN, INFO, DEBUG or TRACE "
                    + "(default: CONTIMG_LOG_LEVEL, else INFO; Kafka's stay at WARN).")
    void logLevel(LogLevel level) {
        level.apply();
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The command line with its error handling, as {@code main} runs it; tests run it the same way. */
    public static CommandLine commandLine() {
        var commandLine = new CommandLine(new Contimg())
                .setExecutionExceptionHandler(new OneLineErrors())
                .setUsageHelpAutoWidth(true)
                .setCaseInsensitiveEnumValuesAllowed(true);
        // Everything after the tool's name belongs to the Kafka tool, options included.
        commandLine
                .getSubcommands()
                .get("kafka-tool")
                .setStopAtPositional(true)
                .setUnmatchedOptionsArePositionalParams(true);
        return commandLine;
    }

    @Override
    public void run() {
        // `contimg` alone: say what there is to run.
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
