package org.dsa110.contimg.app.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * {@code docker-compose.yml} as far as it can be checked without a Docker engine: it parses; the broker is the
 * official image in KRaft mode on a named volume; each service runs a real {@code contimg} subcommand, sets only
 * variables the application reads, waits for what it needs, and has a health check; the API stays on loopback;
 * the monitoring profile runs Prometheus and Grafana on loopback with the project's rules and dashboard; the cluster
 * profile makes the broker one of three nodes; the producer and the processors are one host.
 */
class ComposeFileTest {

    private static final List<String> SERVICES = List.of("topics", "producer", "processors", "sink");
    private static Map<String, Object> compose;
    private static Map<String, Map<String, Object>> services;

    @BeforeAll
    @SuppressWarnings("unchecked")
    static void parse() throws Exception {
        compose = new Yaml().load(Files.readString(Project.root().resolve("docker-compose.yml")));
        services = (Map<String, Map<String, Object>>) compose.get("services");
    }

    @Test
    void theBrokerIsTheOfficialImageInKraftModeOnANamedVolume() {
        Map<String, Object> kafka = services.get("kafka");
        assertThat(kafka.get("image")).isEqualTo("apache/kafka:4.3.1");
        assertThat(environment(kafka))
                .containsEntry("KAFKA_PROCESS_ROLES", "broker,controller")
                .containsEntry("KAFKA_AUTO_CREATE_TOPICS_ENABLE", "false");
        assertThat(kafka.get("volumes")).isEqualTo(List.of("kafka-data:/var/lib/kafka/data"));
        assertThat(((Map<?, ?>) compose.get("volumes")).containsKey("kafka-data"))
                .isTrue();
        assertThat(kafka).containsKey("healthcheck");
    }

    @Test
    void everyServiceRunsARealSubcommandAndItsHealthCheckToo() {
        assertThat(services).containsKeys(SERVICES.toArray(String[]::new));
        for (String name : SERVICES) {
            Map<String, Object> service = services.get(name);
            List<?> command = (List<?>) service.get("command");
            assertThat(Project.subcommands()).as(name + "'s command").contains((String) command.get(0));
            assertThat(((Map<?, ?>) service.get("build")).get("dockerfile")).isEqualTo("ops/docker/Dockerfile");
            if (!name.equals("topics")) {
                List<?> test = (List<?>) ((Map<?, ?>) service.get("healthcheck")).get("test");
                assertThat(test.subList(0, 4)).isEqualTo(List.of("CMD", "java", "-jar", "/opt/contimg/contimg.jar"));
                assertThat(Project.subcommands()).contains((String) test.get(4));
            }
        }
        assertThat(Files.exists(Project.root().resolve("ops/docker/Dockerfile")))
                .isTrue();
    }

    @Test
    void servicesSetOnlyVariablesTheApplicationReads() throws Exception {
        var known = KnownEnvironment.names();
        for (String name : SERVICES) {
            assertThat(known)
                    .as(name + "'s environment")
                    .containsAll(environment(services.get(name)).keySet());
        }
    }

    @Test
    void servicesStartInOrderAndTheApiIsPublishedOnLoopbackOnly() {
        assertThat(dependsOn("topics")).containsEntry("kafka", Map.of("condition", "service_healthy"));
        for (String name : List.of("producer", "processors", "sink")) {
            assertThat(dependsOn(name)).containsEntry("topics", Map.of("condition", "service_completed_successfully"));
        }
        assertThat(services.get("sink").get("ports")).isEqualTo(List.of("127.0.0.1:${CONTIMG_API_PORT}:8000"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void theMonitoringProfileRunsPrometheusAndGrafanaOnLoopbackWithTheProjectsRulesAndDashboard() {
        for (String name : List.of("prometheus", "grafana")) {
            Map<String, Object> service = services.get(name);
            assertThat(service.get("profiles")).as(name).isEqualTo(List.of("monitoring"));
            assertThat((List<String>) service.get("ports")).as(name).allMatch(port -> port.startsWith("127.0.0.1:"));
            for (String volume : (List<String>) service.get("volumes")) {
                if (volume.startsWith("./")) {
                    Path mounted = Project.root().resolve(volume.substring(2, volume.indexOf(':')));
                    assertThat(mounted).as(name + " mounts " + volume).exists();
                }
            }
        }
        assertThat(services.get("prometheus").get("image").toString()).startsWith("prom/prometheus:");
        assertThat(services.get("grafana").get("image").toString()).startsWith("grafana/grafana:");
        assertThat((List<String>) services.get("prometheus").get("volumes"))
                .contains(
                        "./ops/prometheus/prometheus.yml:/etc/prometheus/prometheus.yml:ro",
                        "./ops/prometheus/alerts.yml:/etc/prometheus/alerts.yml:ro");
        assertThat((List<String>) services.get("grafana").get("volumes"))
                .contains("./ops/grafana/contimg.json:/var/lib/grafana/dashboards/contimg.json:ro");
        // The pipeline's services serve /metrics to the compose network (not published on the host).
        for (String name : List.of("producer", "processors")) {
            assertThat(environment(services.get(name))).containsEntry("CONTIMG_METRICS_HOST", "0.0.0.0");
            assertThat(services.get(name)).doesNotContainKey("ports");
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void theClusterProfileAddsTwoNodesOfTheSameClusterEachOnItsOwnVolume() {
        Map<String, Object> first = environment(services.get("kafka"));
        for (int node = 2; node <= 3; node++) {
            Map<String, Object> service = services.get("kafka-" + node);
            assertThat(service.get("profiles")).isEqualTo(List.of("cluster"));
            assertThat(service.get("image")).isEqualTo(services.get("kafka").get("image"));
            Map<String, Object> env = environment(service);
            assertThat(env)
                    .containsEntry("KAFKA_NODE_ID", Integer.toString(node))
                    .containsEntry("KAFKA_ADVERTISED_LISTENERS", "PLAINTEXT://kafka-" + node + ":9092")
                    .containsEntry("KAFKA_UNCLEAN_LEADER_ELECTION_ENABLE", "false");
            for (String shared : List.of(
                    "KAFKA_CONTROLLER_QUORUM_VOTERS",
                    "CLUSTER_ID",
                    "KAFKA_MIN_INSYNC_REPLICAS",
                    "KAFKA_TRANSACTION_STATE_LOG_MIN_ISR",
                    "KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR")) {
                assertThat(env.get(shared)).as(shared).isEqualTo(first.get(shared));
            }
            assertThat((List<String>) service.get("volumes"))
                    .containsExactly("kafka-" + node + "-data:/var/lib/kafka/data");
            assertThat(((Map<?, ?>) compose.get("volumes")).containsKey("kafka-" + node + "-data"))
                    .isTrue();
        }
        assertThat(services.get("kafka")).doesNotContainKey("profiles");
    }

    @Test
    void theProducerAndTheProcessorsAreOneHostAndTheirHealthChecksNameIt() {
        for (String name : List.of("producer", "processors")) {
            assertThat(environment(services.get(name))).containsEntry("CONTIMG_HOST_ID", "${CONTIMG_HOST_ID}");
            List<?> test = (List<?>) ((Map<?, ?>) services.get(name).get("healthcheck")).get("test");
            assertThat(test.get(5)).isEqualTo(name + "@${CONTIMG_HOST_ID}");
        }
    }

    @Test
    void everyHostPathVariableIsDefinedInTheEnvFile() throws Exception {
        String composeText = Files.readString(Project.root().resolve("docker-compose.yml"));
        String envText = Files.readString(Project.root().resolve(".env"));
        Matcher used = Pattern.compile("\\$\\{([A-Z_]+)}").matcher(composeText);
        while (used.find()) {
            assertThat(envText).as("${" + used.group(1) + "} in .env").containsPattern("(?m)^" + used.group(1) + "=");
        }
    }

    @Test
    void dockerComposeAcceptsIt() throws Exception {
        assertComposeAccepts();
    }

    @Test
    void dockerComposeAcceptsTheClusterProfile() throws Exception {
        assertComposeAccepts("--profile", "cluster");
    }

    private static void assertComposeAccepts(String... options) throws Exception {
        Path tool = Path.of("/usr/bin/docker-compose");
        assumeTrue(
                Files.isExecutable(tool), "docker-compose is not installed (Debian: apt-get install docker-compose)");
        var command = new ArrayList<>(List.of(tool.toString()));
        command.addAll(List.of(options));
        command.addAll(List.of("config", "-q"));
        Process process = new ProcessBuilder(command)
                .directory(Project.root().toFile())
                .redirectErrorStream(true)
                .start();
        String output = new String(process.getInputStream().readAllBytes());
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        assertThat(output).isEmpty();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> environment(Map<String, Object> service) {
        Map<String, Object> environment = (Map<String, Object>) service.get("environment");
        return environment.entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> String.valueOf(e.getValue())));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> dependsOn(String service) {
        return (Map<String, Object>) services.get(service).get("depends_on");
    }
}
