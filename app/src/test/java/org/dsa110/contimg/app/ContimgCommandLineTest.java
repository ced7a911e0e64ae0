package org.dsa110.contimg.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.dsa110.contimg.app.CommandRun.run;

import java.nio.file.Files;
import java.nio.file.Path;
import org.dsa110.contimg.app.cli.KafkaOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

class ContimgCommandLineTest {

    @Test
    void helpListsTheCommands() {
        var run = run("--help");
        assertThat(run.status()).isZero();
        assertThat(run.out())
                .contains("Commands:")
                .containsPattern("(?m)^\\s+up\\s")
                .containsPattern("(?m)^\\s+broker\\s");
    }

    @ParameterizedTest
    @ValueSource(strings = {"up", "broker"})
    void everyCommandHasHelp(String command) {
        var run = run(command, "--help");
        assertThat(run.status()).isZero();
        assertThat(run.out()).startsWith("Usage: contimg " + command).contains("--home", "--kafka-port");
    }

    @Test
    void upNamesEveryPathAndKafkaFlag() {
        assertThat(run("up", "--help").out())
                .contains(
                        "--root",
                        "--incoming",
                        "--scratch",
                        "--state-dir",
                        "--products-db",
                        "--log-dir",
                        "--bootstrap-servers",
                        "--kafka-properties",
                        "--partitions",
                        "CONTIMG_ROOT_DIR",
                        "PIPELINE_STATE_DIR");
    }

    @Test
    void anUnknownFlagIsAUsageErrorNotAStackTrace() {
        var run = run("up", "--no-such-flag");
        assertThat(run.status()).isEqualTo(2);
        assertThat(run.err()).contains("Unknown option: '--no-such-flag'").doesNotContain("Exception");
    }

    @Test
    void aFailingCommandSaysWhyInOneLine() {
        // A properties file that does not exist fails before anything starts.
        var run = run("up", "--kafka-properties", "/nonexistent/client.properties");
        assertThat(run.status()).isEqualTo(1);
        assertThat(run.err().strip())
                .isEqualTo("contimg up: error: Cannot read Kafka client properties "
                        + "/nonexistent/client.properties: no such file");
    }

    @Test
    void aPropertiesFileNamesAClusterOnlyWhenItSetsBootstrapServers(@TempDir Path dir) throws Exception {
        var tuning = Files.writeString(dir.resolve("tuning.properties"), "linger.ms=20\n");
        var cluster = Files.writeString(dir.resolve("cluster.properties"), "bootstrap.servers=kafka1:9092\n");
        assertThat(options("--kafka-properties", tuning.toString()).clusterGiven())
                .isFalse();
        assertThat(options("--kafka-properties", cluster.toString()).clusterGiven())
                .isTrue();
        assertThat(options("--bootstrap-servers", "kafka1:9092").clusterGiven()).isTrue();
    }

    private static KafkaOptions options(String... args) {
        var options = new KafkaOptions();
        new CommandLine(options).parseArgs(args);
        return options;
    }
}
