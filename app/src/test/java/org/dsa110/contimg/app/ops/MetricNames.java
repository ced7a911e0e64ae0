package org.dsa110.contimg.app.ops;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.dsa110.contimg.contract.json.Json;
import org.yaml.snakeyaml.Yaml;

/**
 * The metric names that the project's Grafana dashboard ({@code ops/grafana/contimg.json}) and alert rules
 * ({@code ops/prometheus/alerts.yml}) query, and the names an exposition holds, so a test can check that every
 * panel and alert reads a series the pipeline really serves.
 */
public final class MetricNames {

    /** Label matchers, ranges, grouping clauses and strings: none of them names a metric. */
    private static final Pattern NOT_NAMES = Pattern.compile(
            "\\{[^}]*}|\\[[^]]*]|\\b(?:by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)|\"[^\"]*\"");

    private static final Pattern IDENTIFIER = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
    private static final Set<String> KEYWORDS = Set.of("and", "or", "unless", "bool", "offset", "inf", "nan");
    /** Made by Prometheus for each target, not served by one. */
    private static final Set<String> SYNTHETIC = Set.of("up");

    private MetricNames() {}

    /** Every {@code expr} of the dashboard's panels. */
    public static List<String> dashboardExpressions() throws IOException {
        JsonNode dashboard =
                Json.mapper().readTree(Files.readString(Project.root().resolve("ops/grafana/contimg.json")));
        var expressions = new ArrayList<String>();
        dashboard
                .path("panels")
                .forEach(panel -> panel.path("targets")
                        .forEach(target -> expressions.add(target.path("expr").asText())));
        return expressions;
    }

    /** Every {@code expr} of the alert rules, by alert name. */
    @SuppressWarnings("unchecked")
    public static Map<String, String> alertExpressions() throws IOException {
        Map<String, Object> rules =
                new Yaml().load(Files.readString(Project.root().resolve("ops/prometheus/alerts.yml")));
        var expressions = new LinkedHashMap<String, String>();
        for (Map<String, Object> group : (List<Map<String, Object>>) rules.get("groups")) {
            for (Map<String, Object> rule : (List<Map<String, Object>>) group.get("rules")) {
                expressions.put((String) rule.get("alert"), (String) rule.get("expr"));
            }
        }
        return expressions;
    }

    /** The metric names a PromQL expression reads (not its functions, labels or keywords). */
    public static Set<String> in(String promql) {
        String bare = NOT_NAMES.matcher(promql).replaceAll(" ");
        var names = new TreeSet<String>();
        Matcher identifier = IDENTIFIER.matcher(bare);
        while (identifier.find()) {
            String name = identifier.group();
            boolean function = bare.substring(identifier.end()).stripLeading().startsWith("(");
            if (!function && !KEYWORDS.contains(name.toLowerCase()) && !SYNTHETIC.contains(name)) {
                names.add(name);
            }
        }
        return names;
    }

    /** The names of the samples in a Prometheus text exposition. */
    public static Set<String> served(String exposition) {
        var names = new TreeSet<String>();
        exposition
                .lines()
                .filter(line -> !line.isBlank() && !line.startsWith("#"))
                .forEach(line -> {
                    Matcher name = IDENTIFIER.matcher(line);
                    if (name.lookingAt()) {
                        names.add(name.group());
                    }
                });
        return names;
    }
}
