package org.dsa110.contimg.contract.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.dsa110.contimg.contract.json.Json;

/**
 * The shape of what a service shows the world, recorded once and compared on every run: a status snapshot's JSON
 * (field names, their order, the types of their values, the words of every fixed string) and the names and label
 * keys of its metrics. Other services read these, so a refactoring must leave them byte-compatible. What varies from
 * run to run is masked: numbers ({@code <number>}), instants ({@code <time>}), and the paths and names a test chose
 * (given as replacements). {@code -Dcontimg.shape.write=true} records the shape afresh instead of comparing.
 */
public final class WireShape {

    private static final Pattern INSTANT = Pattern.compile("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d+)?Z");

    private WireShape() {}

    /** The JSON with its varying parts masked, pretty-printed: one field a line, in the order written. */
    public static String ofJson(String json, Map<String, String> replacements) throws IOException {
        return Json.mapper()
                        .writerWithDefaultPrettyPrinter()
                        .writeValueAsString(mask(Json.mapper().readTree(json), replacements))
                + "\n";
    }

    /** The shape of the pipeline's own series ({@code contimg_*}) in an exposition; the libraries' are theirs. */
    public static String ofContimgMetrics(String exposition) {
        return ofMetrics(
                exposition.lines().filter(line -> line.startsWith("contimg_")).collect(Collectors.joining("\n")));
    }

    /** The metric names with their label keys, sorted, one a line: {@code name{key,key}}. */
    public static String ofMetrics(String exposition) {
        var names = new TreeSet<String>();
        for (String line : exposition.split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            int brace = line.indexOf('{');
            int space = line.indexOf(' ');
            if (brace < 0 || brace > space) {
                names.add(line.substring(0, space) + "{}");
                continue;
            }
            String labels = line.substring(brace + 1, line.indexOf('}'));
            var keys = new TreeSet<String>();
            for (String pair : labels.split(",(?=[a-zA-Z_]+=\")")) {
                keys.add(pair.substring(0, pair.indexOf('=')));
            }
            names.add(line.substring(0, brace) + "{" + String.join(",", keys) + "}");
        }
        return String.join("\n", names) + "\n";
    }

    /**
     * Compares {@code shape} with the one recorded in {@code recorded} (a test resource path from the module's top),
     * or records it with {@code -Dcontimg.shape.write=true}.
     */
    public static void assertSame(String shape, Path recorded) throws IOException {
        if (Boolean.getBoolean("contimg.shape.write")) {
            Files.createDirectories(recorded.getParent());
            Files.writeString(recorded, shape);
            return;
        }
        assertThat(recorded)
                .as("the recorded shape (record it with -Dcontimg.shape.write=true)")
                .exists();
        assertThat(shape)
                .as("what %s records: the wire format other services read must not change", recorded)
                .isEqualTo(Files.readString(recorded));
    }

    private static JsonNode mask(JsonNode node, Map<String, String> replacements) {
        if (node.isObject()) {
            ObjectNode out = JsonNodeFactory.instance.objectNode();
            node.fields().forEachRemaining(e -> out.set(e.getKey(), mask(e.getValue(), replacements)));
            return out;
        }
        if (node.isArray()) {
            ArrayNode out = JsonNodeFactory.instance.arrayNode();
            node.forEach(element -> out.add(mask(element, replacements)));
            return out;
        }
        if (node.isNumber()) {
            return new TextNode("<number>");
        }
        if (node.isTextual()) {
            String text = INSTANT.matcher(node.asText()).replaceAll("<time>");
            for (var replacement : replacements.entrySet()) {
                text = text.replace(replacement.getKey(), replacement.getValue());
            }
            return new TextNode(text.replaceAll("\\d+(\\.\\d+)?", "<n>"));
        }
        return node;
    }
}
