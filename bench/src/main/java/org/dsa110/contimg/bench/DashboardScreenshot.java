package org.dsa110.contimg.bench;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.dsa110.contimg.contract.Mjd;
import org.dsa110.contimg.fixtures.Dsa110File;

/**
 * {@code docs/dashboard.png} from a real run: {@code contimg up} in a JVM of its own on a new home, docs/status.md's
 * walkthrough played into it (a CASA log, an old temporary directory, a day of DSA-110 files at 3C286's
 * declination, the last at its transit today), then Debian's chromium, headless, photographs {@code GET /}.
 */
final class DashboardScreenshot {

    private static final double DEC_3C286_APPARENT = 30.37039226251386;

    private final Path work;
    private final PrintWriter out;

    DashboardScreenshot(Path work, PrintWriter out) {
        this.work = work;
        this.out = out;
    }

    void take(Path chromium, Path png, int httpPort, int width, int height) throws Exception {
        Path home = Files.createDirectories(work.resolve("home"));
        int kafkaPort = httpPort + 1;
        try (var up = ContimgProcess.start(
                work.resolve("logs"),
                "up",
                "1g",
                "up",
                "--home",
                home.toString(),
                "--kafka-port",
                Integer.toString(kafkaPort),
                "--controller-port",
                Integer.toString(kafkaPort + 1),
                "--http-port",
                Integer.toString(httpPort))) {
            up.awaitLine("ready at", Duration.ofMinutes(2));
            Path data = home.resolve("data");
            Path log = Files.createDirectories(data.resolve("2026-12-01")).resolve("casa-20261201-101500.log");
            Files.writeString(log, "CASA <INFO> tclean\n");
            Path temp = Files.createDirectories(data.resolve("TMPPOINTING_20261129"));
            FileTime old = FileTime.from(Instant.now().minus(Duration.ofDays(2)));
            Files.setLastModifiedTime(temp, old);
            // Files every 20 minutes of the last day: the first half at +55.6 (J0834+555's), then at 3C286's
            // declination, the newest at its transit today: two campaigns.
            Instant transit = todaysTransitOf3C286();
            for (int i = 24 * 3; i >= 0; i--) {
                Instant start = transit.minus(Duration.ofMinutes(20L * i))
                        .minusMillis(Math.round(12 * Dsa110File.INTEGRATION_S * 1000));
                if (start.isBefore(Instant.now())) {
                    Dsa110File.at(start, i > 36 ? 55.6 : DEC_3C286_APPARENT).writeInto(home.resolve("incoming"));
                }
            }
            out.println("wrote the walkthrough's files into " + home + "; waiting for the pipeline");
            Thread.sleep(20_000); // the processors' first pass and two of the dashboard's refreshes
            Files.createDirectories(png.toAbsolutePath().getParent());
            var chrome = new ProcessBuilder(
                            chromium.toString(),
                            "--headless=new",
                            "--no-sandbox",
                            "--disable-gpu",
                            "--hide-scrollbars",
                            "--window-size=" + width + "," + height,
                            "--virtual-time-budget=10000",
                            "--screenshot=" + png.toAbsolutePath(),
                            "http://127.0.0.1:" + httpPort + "/")
                    .redirectErrorStream(true)
                    .redirectOutput(work.resolve("chromium.log").toFile())
                    .start();
            if (!chrome.waitFor(2, TimeUnit.MINUTES) || chrome.exitValue() != 0 || !Files.exists(png)) {
                throw new IllegalStateException(
                        "chromium did not write " + png + "; see " + work.resolve("chromium.log"));
            }
            out.printf("wrote %s (%d bytes)%n", png, Files.size(png));
        }
    }

    /** The latest transit of 3C286 before now, to the minute: it crosses the meridian a sidereal day apart. */
    private static Instant todaysTransitOf3C286() {
        double reference = 61055.57317972992; // 2026-01-15 (pointing/reference/transits.py)
        double sidereal = 0.99726957;
        double now = Mjd.of(Instant.now());
        double latest = reference + Math.floor((now - reference) / sidereal) * sidereal;
        return Mjd.toInstant(latest);
    }
}
