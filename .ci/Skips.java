import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Element;

/**
 * CI's check that nothing was skipped: reads every Surefire and Failsafe report below the checkout
 * ({@code * /target/surefire-reports/TEST-*.xml}, {@code failsafe-reports}) and fails, naming each test and its
 * reason, when a test was skipped whose class is not in the allow-list ({@code .ci/allowed-skips}). Also fails when
 * no report was found (a build that ran no test). Run as {@code java .ci/Skips.java ALLOW_LIST}, from the checkout.
 */
public final class Skips {

    public static void main(String[] args) throws Exception {
        Set<String> allowed = allowList(Path.of(args[0]));
        List<Path> reports;
        try (Stream<Path> walk = Files.walk(Path.of("."))) {
            reports = walk.filter(p -> p.getFileName().toString().matches("TEST-.*\\.xml"))
                    .filter(p -> p.getParent().getFileName().toString().matches("(surefire|failsafe)-reports"))
                    .sorted()
                    .toList();
        }
        if (reports.isEmpty()) {
            System.err.println(".ci/run: no test report found: the build ran no test");
            System.exit(1);
        }
        int tests = 0;
        List<String> refused = new ArrayList<>();
        List<String> allowedSkips = new ArrayList<>();
        var factory = DocumentBuilderFactory.newInstance();
        for (Path report : reports) {
            var cases = factory.newDocumentBuilder().parse(report.toFile()).getElementsByTagName("testcase");
            for (int i = 0; i < cases.getLength(); i++) {
                var testcase = (Element) cases.item(i);
                tests++;
                var skipped = testcase.getElementsByTagName("skipped");
                if (skipped.getLength() == 0) {
                    continue;
                }
                String className = testcase.getAttribute("classname");
                String why = reason((Element) skipped.item(0));
                String line = className + "." + testcase.getAttribute("name") + ": " + (why.isBlank() ? "(no reason)" : why);
                (allowed.contains(className) ? allowedSkips : refused).add(line);
            }
        }
        allowedSkips.forEach(s -> System.out.println(".ci/run: skipped, as allowed: " + s));
        if (!refused.isEmpty()) {
            System.err.println(".ci/run: " + refused.size() + " test(s) skipped that CI must run (allowed only: "
                    + String.join(", ", allowed) + "):");
            refused.forEach(s -> System.err.println("  " + s));
            System.exit(1);
        }
        System.out.println(".ci/run: " + tests + " tests in " + reports.size() + " reports, "
                + allowedSkips.size() + " skipped as allowed, none other skipped");
    }

    /**
     * Why it was skipped: the {@code message} attribute (a disabled test), else the first line of the element's text
     * (an assumption's {@code TestAbortedException}, whose message carries the test's reason).
     */
    private static String reason(Element skipped) {
        String message = skipped.getAttribute("message");
        if (!message.isBlank()) {
            return message;
        }
        String text = skipped.getTextContent().strip();
        return text.lines().findFirst().orElse("").replaceFirst("^org\\.opentest4j\\.TestAbortedException: ", "");
    }

    /** Class names, one a line; {@code #} starts a comment, which says why the class may be skipped. */
    private static Set<String> allowList(Path file) throws IOException {
        return Files.readAllLines(file).stream()
                .map(line -> line.replaceFirst("#.*", "").strip())
                .filter(line -> !line.isEmpty())
                .collect(Collectors.toCollection(TreeSet::new));
    }
}
