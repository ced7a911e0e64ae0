package org.dsa110.contimg.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code contimg bench screenshot}. */
@Command(
        name = "screenshot",
        mixinStandardHelpOptions = true,
        description = "docs/dashboard.png from a real run: contimg up on a new home, docs/status.md's walkthrough "
                + "(a CASA log, an old temporary directory, a day of files at 3C286's declination), then "
                + "Debian's chromium photographs the dashboard.")
final class ScreenshotBenchCommand implements Callable<Integer> {

    @Option(names = "--work", paramLabel = "DIR", required = true, description = "Where the run's home goes.")
    Path work;

    @Option(
            names = "--out",
            paramLabel = "PNG",
            defaultValue = "docs/dashboard.png",
            description = "The picture (default ${DEFAULT-VALUE}).")
    Path out;

    @Option(
            names = "--chromium",
            paramLabel = "FILE",
            defaultValue = "/usr/bin/chromium",
            description = "The browser (default ${DEFAULT-VALUE}).")
    Path chromium;

    @Option(
            names = "--http-port",
            defaultValue = "18400",
            description = "The sink's port (default ${DEFAULT-VALUE}); " + "the broker takes the next two.")
    int httpPort;

    @Option(names = "--size", defaultValue = "1280x1900", description = "Window size (default ${DEFAULT-VALUE}).")
    String size;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        String[] wh = size.split("x");
        new DashboardScreenshot(
                        Files.createDirectories(work), spec.commandLine().getOut())
                .take(chromium, out, httpPort, Integer.parseInt(wh[0]), Integer.parseInt(wh[1]));
        return 0;
    }
}
