package org.dsa110.contimg.app.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;

/**
 * {@code ops/prometheus}: the alert rules pass {@code promtool check rules} and their unit tests
 * ({@code promtool test rules alerts.test.yml}); each alert is tested firing; each runbook points at a section of
 * {@code docs/operations.md}; the monitoring profile's scrape configuration passes {@code promtool check config}.
 * (That every rule reads a series the pipeline serves is checked against a live pipeline in UpCommandTest.)
 */
class AlertRulesTest {

    private static final Path PROMTOOL = Path.of("/usr/bin/promtool");
    private static final Path OPS = Project.root().resolve("ops/prometheus");

    @Test
    void promtoolAcceptsTheRulesAndTheirUnitTestsPass() throws Exception {
        assumeTrue(Files.isExecutable(PROMTOOL), "promtool is not installed (apt-get install prometheus)");
        assertThat(promtool(OPS, "check", "rules", "alerts.yml")).contains("SUCCESS: 15 rules found");
        assertThat(promtool(OPS, "test", "rules", "alerts.test.yml")).contains("SUCCESS");
    }

    @Test
    void theComposeProfilesScrapeConfigurationIsValid(@TempDir Path work) throws Exception {
        assumeTrue(Files.isExecutable(PROMTOOL), "promtool is not installed (apt-get install prometheus)");
        // In the container the rules are at /etc/prometheus/alerts.yml; here, beside the copy.
        Files.copy(OPS.resolve("alerts.yml"), work.resolve("alerts.yml"));
        Files.writeString(
                work.resolve("prometheus.yml"),
                Files.readString(OPS.resolve("prometheus.yml"))
                        .replace(
                                "/etc/prometheus/alerts.yml",
                                work.resolve("alerts.yml").toString()));
        assertThat(promtool(work, "check", "config", "prometheus.yml")).contains("SUCCESS");
    }

    @Test
    @SuppressWarnings("unchecked")
    void everyAlertIsTestedFiringAndHasARunbookSectionInTheOperatorsGuide() throws Exception {
        Map<String, String> alerts = MetricNames.alertExpressions();
        assertThat(alerts).hasSize(15);

        Map<String, Object> tests = new Yaml().load(Files.readString(OPS.resolve("alerts.test.yml")));
        Set<String> testedFiring = new TreeSet<>();
        for (Map<String, Object> test : (List<Map<String, Object>>) tests.get("tests")) {
            for (Map<String, Object> check : (List<Map<String, Object>>) test.get("alert_rule_test")) {
                if (!((List<?>) check.get("exp_alerts")).isEmpty()) {
                    testedFiring.add((String) check.get("alertname"));
                }
            }
        }
        assertThat(testedFiring).containsExactlyInAnyOrderElementsOf(alerts.keySet());

        Set<String> anchors = headingAnchors(Project.root().resolve("docs/operations.md"));
        Map<String, Object> rules = new Yaml().load(Files.readString(OPS.resolve("alerts.yml")));
        for (Map<String, Object> group : (List<Map<String, Object>>) rules.get("groups")) {
            for (Map<String, Object> rule : (List<Map<String, Object>>) group.get("rules")) {
                Map<String, String> annotations = (Map<String, String>) rule.get("annotations");
                String name = (String) rule.get("alert");
                assertThat(annotations).as(name).containsKeys("summary", "description", "runbook");
                assertThat(annotations.get("runbook")).isEqualTo("docs/operations.md#" + name.toLowerCase(Locale.ROOT));
                assertThat(anchors)
                        .as("a section " + name + " in docs/operations.md")
                        .contains(name.toLowerCase(Locale.ROOT));
                assertThat(((Map<String, String>) rule.get("labels")).get("severity"))
                        .isIn("warning", "critical");
            }
        }
    }

    @Test
    void metricNamesAreReadFromExpressionsNotFromTheirLabelsOrFunctions() {
        assertThat(MetricNames.in("sum by (group, topic) (rate(contimg_a_total{stage=\"log-move\"}[5m])) / on() up"
                        + " and time() - contimg_b_seconds > 0"))
                .containsExactly("contimg_a_total", "contimg_b_seconds");
        assertThat(MetricNames.served("# HELP x_total a\n# TYPE x_total counter\nx_total{a=\"b\"} 1.0\ny 2\n"))
                .containsExactly("x_total", "y");
    }

    /** GitHub's anchors of the Markdown headings: lower case, spaces to hyphens, punctuation dropped. */
    private static Set<String> headingAnchors(Path markdown) throws IOException {
        var anchors = new TreeSet<String>();
        Matcher heading = Pattern.compile("(?m)^#+\\s+(.+)$").matcher(Files.readString(markdown));
        while (heading.find()) {
            anchors.add(heading.group(1)
                    .strip()
                    .toLowerCase(Locale.ROOT)
                    .replaceAll("[^a-z0-9 _-]", "")
                    .replace(' ', '-'));
        }
        return anchors;
    }

    private static String promtool(Path dir, String... args) throws Exception {
        var command = new ArrayList<>(List.of(PROMTOOL.toString()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command)
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue())
                .as("promtool " + String.join(" ", args) + ":\n" + output)
                .isZero();
        return output;
    }
}
